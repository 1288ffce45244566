/** The audit flags of the CI formats: --quiet, --show-suppressed, --format compact|gitlab, SARIF rule help. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { caplint } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'caplint-formats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const pod = join(dir, 'pod.yaml');
writeFileSync(pod, `apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    caplint.dev/ignore: "seccomp/required: runs under gVisor"
spec:
  containers:
    - name: web
      image: nginx
      securityContext: { capabilities: { add: [SYS_ADMIN] } }
`);

describe('audit output flags', () => {
  it('--quiet prints only findings at or above --fail-on; the summary still counts them all', async () => {
    const all = await caplint(['audit', pod, '--format', 'compact'], { cwd: dir });
    const quiet = await caplint(['audit', pod, '--format', 'compact', '--quiet'], { cwd: dir });
    expect(quiet.code).toBe(all.code);
    const findingLines = (out: string) => out.split('\n').filter((l) => /^pod\.yaml:\d+:\d+: /.test(l));
    expect(findingLines(all.stdout).some((l) => / (medium|low) /.test(l))).toBe(true);
    expect(findingLines(quiet.stdout).length).toBeGreaterThan(0);
    for (const l of findingLines(quiet.stdout)) expect(l).toMatch(/^pod\.yaml:\d+:\d+: (high|critical) /);
    expect(quiet.stdout.split('\n').at(-2)).toBe(all.stdout.split('\n').at(-2));
  });

  it('counts the suppressed finding, lists it with --show-suppressed, and SARIF keeps it as suppressed', async () => {
    const plain = await caplint(['audit', pod], { cwd: dir });
    expect(plain.stdout).toMatch(/; 1 suppressed \(--show-suppressed lists them\);/);
    expect(plain.stdout).not.toContain('suppressed by caplint.dev/ignore');
    const shown = await caplint(['audit', pod, '--show-suppressed'], { cwd: dir });
    expect(shown.stdout).toMatch(/suppressed high {2}seccomp\/required\n {2}- [^]*?\n {2}suppressed by caplint\.dev\/ignore: runs under gVisor\n/);
    const json = JSON.parse((await caplint(['audit', pod, '--format', 'json', '--show-suppressed'], { cwd: dir })).stdout);
    expect(json.summary.suppressed).toBe(1);
    expect(json.suppressed[0]).toMatchObject({ ruleId: 'seccomp/required', suppression: { kind: 'inSource', justification: 'runs under gVisor' } });
    const sarif = JSON.parse((await caplint(['audit', pod, '--format', 'sarif'], { cwd: dir })).stdout);
    const results = sarif.runs[0].results as { ruleId: string; suppressions?: unknown[] }[];
    expect(results.find((r) => r.ruleId === 'seccomp/required')!.suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'runs under gVisor' }]);
  });

  it('SARIF rule help carries no raw {{placeholder}}', async () => {
    const { stdout } = await caplint(['audit', pod, '--format', 'sarif'], { cwd: dir });
    expect(stdout).toContain('‹cap›');
    expect(stdout).not.toMatch(/\{\{\s*\w+\s*\}\}/);
  });

  it('--format gitlab writes Code Quality JSON', async () => {
    const { code, stdout } = await caplint(['audit', pod, '--format', 'gitlab'], { cwd: dir });
    expect(code).toBe(1);
    const issues = JSON.parse(stdout) as { check_name: string; location: { path: string } }[];
    expect(issues.find((i) => i.check_name === 'capabilities/no-dangerous')!.location.path).toBe('pod.yaml');
    expect(issues.map((i) => i.check_name)).not.toContain('seccomp/required');
  });
});
