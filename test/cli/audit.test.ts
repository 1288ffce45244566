/** The CLI contract of `caplint audit`: exit codes, --fail-on, formats, outputs, stdin. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { caplint, caplintProcess } from '../helpers/cli.js';
import { HARDENED_PATH, RUNC_DEFAULT_PATH } from '../helpers/oci.js';

const out = mkdtempSync(join(tmpdir(), 'caplint-out-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('caplint audit', () => {
  it('lists what the runc default lacks and exits 1', () => {
    const { code, stdout } = caplintProcess(['audit', 'examples/oci/runc-default/config.json']);
    expect(code).toBe(1);
    for (const expected of [
      'runs without a seccomp filter',
      'has no user namespace',
      'shares the host\'s cgroup namespace',
      'has no memory limit',
      'has no pids limit',
      'has no CPU limit',
    ]) expect(stdout).toContain(expected);
  });

  it('passes the hardened example with exit 0', () => {
    const { code, stdout } = caplintProcess(['audit', 'examples/oci/hardened/config.json']);
    expect(code).toBe(0);
    expect(stdout).toContain('0 findings');
  });

  it('--fail-on moves the gate', async () => {
    expect((await caplint(['audit', RUNC_DEFAULT_PATH, '--fail-on', 'critical'])).code).toBe(0);
    expect((await caplint(['audit', RUNC_DEFAULT_PATH, '--fail-on', 'low'])).code).toBe(1);
    expect((await caplint(['audit', RUNC_DEFAULT_PATH, '--fail-on', 'never'])).code).toBe(0);
  });

  it('prints the JSON shape of the CLI contract', async () => {
    const { code, stdout } = await caplint(['audit', RUNC_DEFAULT_PATH, '--format', 'json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.version).toBe(1);
    expect(report.errors).toEqual([]);
    const finding = report.findings.find((f: { ruleId: string }) => f.ruleId === 'seccomp/required');
    expect(Object.keys(finding)).toEqual(expect.arrayContaining(['ruleId', 'severity', 'message', 'subject', 'file', 'line', 'column', 'pointer', 'remediation']));
    expect(finding).toMatchObject({ severity: 'high', subject: 'container "runc"', file: RUNC_DEFAULT_PATH, pointer: '/linux', column: 2 });
    expect(report.summary).toMatchObject({ inputs: 1, subjects: 1, failOn: 'high', failed: true });
    expect(report.summary.findings).toBe(report.findings.length);
  });

  it('reads stdin with -', () => {
    const { code, stdout } = caplintProcess(['audit', '-', '--format', 'json'], { stdin: readFileSync(RUNC_DEFAULT_PATH, 'utf8') });
    expect(code).toBe(1);
    expect(JSON.parse(stdout).findings[0].file).toBe('<stdin>');
  });

  it('writes several formats from one run', async () => {
    const json = join(out, 'report.json');
    const { code, stdout } = await caplint(['audit', RUNC_DEFAULT_PATH, '--format', 'text', '--format', 'json', '--output', json]);
    expect(code).toBe(1);
    expect(stdout).toContain('seccomp/required');
    expect(JSON.parse(readFileSync(json, 'utf8')).findings.length).toBeGreaterThan(5);
  });

  it('colours only when asked: NO_COLOR wins over FORCE_COLOR', async () => {
    const coloured = await caplint(['audit', RUNC_DEFAULT_PATH], { env: { FORCE_COLOR: '1', NO_COLOR: '' } });
    expect(coloured.stdout).toContain('\u001b[');
    const plain = await caplint(['audit', RUNC_DEFAULT_PATH], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(plain.stdout).not.toContain('\u001b[');
  });

  it('shows a code frame with a caret under the field', async () => {
    const { stdout } = await caplint(['audit', RUNC_DEFAULT_PATH]);
    const block = stdout.split('\n\n').find((b) => b.includes('holds CAP_KILL as an ambient'))!;
    expect(block).toMatch(/> 35 \|\s+"CAP_KILL",\n\s+\|\s+\^{10}\n/);
  });
});
