/** caplint.config.json: found by walking up, validated with placed errors, applied under the command line. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { caplint } from '../helpers/cli.js';
import { RUNC_DEFAULT_PATH } from '../helpers/oci.js';

const root = mkdtempSync(join(tmpdir(), 'caplint-config-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function project(name: string, config: string) {
  const dir = join(root, name);
  mkdirSync(join(dir, 'deploy/legacy'), { recursive: true });
  mkdirSync(join(dir, 'deploy/new'), { recursive: true });
  for (const sub of ['legacy', 'new']) writeFileSync(join(dir, `deploy/${sub}/config.json`), readFileSync(RUNC_DEFAULT_PATH));
  writeFileSync(join(dir, 'caplint.config.json'), config);
  return dir;
}

const ids = (stdout: string) => JSON.parse(stdout).findings.map((f: { ruleId: string; file: string }) => `${f.file.includes('legacy') ? 'legacy' : 'new'}:${f.ruleId}`);

describe('caplint.config.json', () => {
  it('caplint init writes a commented config that loads, and refuses to overwrite it', async () => {
    const dir = join(root, 'init');
    mkdirSync(dir);
    expect((await caplint(['init'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, 'caplint.config.json'), 'utf8')).toContain('// Fail the run');
    const again = await caplint(['init'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists here; pass --force');
    const { code } = await caplint(['audit', RUNC_DEFAULT_PATH, '--format', 'json'], { cwd: dir });
    expect(code).toBe(1);
  });

  it('is found from a subfolder; rules, overrides and failOn apply; flags win', async () => {
    const dir = project('applied', `{
      // comments are fine
      "failOn": "critical",
      "rules": { "cgroups/*": "off", "lsm/profile": "high" },
      "overrides": [{ "files": ["deploy/legacy/**"], "rules": { "seccomp/required": "off" } }],
    }`);
    const sub = join(dir, 'deploy');
    const { code, stdout } = await caplint(['audit', '.', '--format', 'json'], { cwd: sub });
    expect(code).toBe(0);
    const found = ids(stdout);
    expect(found.some((id: string) => id.endsWith('cgroups/memory-limit'))).toBe(false);
    expect(found).toContain('new:seccomp/required');
    expect(found).not.toContain('legacy:seccomp/required');
    expect(JSON.parse(stdout).findings.find((f: { ruleId: string }) => f.ruleId === 'lsm/profile').severity).toBe('high');
    expect((await caplint(['audit', '.', '--fail-on', 'high'], { cwd: sub })).code).toBe(1);
    expect((await caplint(['audit', '.', '--no-config', '--format', 'json'], { cwd: sub })).stdout).toContain('cgroups/memory-limit');
  });

  it('an unknown field is a placed error', async () => {
    const dir = project('unknown-field', '{\n  "failOn": "high",\n  "failon": "low"\n}\n');
    const { code, stderr } = await caplint(['audit', 'deploy'], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toBe(`caplint: ${join(dir, 'caplint.config.json')}:3:3: not a valid caplint config: the document has an unknown field "failon"\n`);
  });

  it('a wrong value says what was expected, where', async () => {
    const dir = project('bad-value', '{\n  "failOn": "severe"\n}\n');
    const { code, stderr } = await caplint(['audit', 'deploy'], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toContain(':2:3: not a valid caplint config: failOn must be one of "info", "low", "medium", "high", "critical", "never"');
  });

  it('a rule it names that does not exist is an error at that key, the audit still runs', async () => {
    const dir = project('unknown-rule', '{\n  "rules": {\n    "seccomp/requried": "off"\n  }\n}\n');
    const { code, stdout } = await caplint(['audit', 'deploy', '--format', 'json'], { cwd: dir });
    expect(code).toBe(2);
    const report = JSON.parse(stdout);
    expect(report.errors).toEqual([{ file: join(dir, 'caplint.config.json'), line: 3, column: 5, message: '"seccomp/requried" names no rule (did you mean seccomp/required?)' }]);
    expect(report.findings.length).toBeGreaterThan(0);
  });

  it('a config that is not JSON', async () => {
    const dir = project('broken', '{ "failOn": }');
    const { code, stderr } = await caplint(['audit', 'deploy'], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(/caplint\.config\.json:1:13: not valid JSON: value expected\n$/);
  });
});
