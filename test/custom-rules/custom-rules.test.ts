/**
 * Custom rules are untrusted input: each forbidden construct is rejected
 * with file:line:column before anything runs; what gets past the static
 * check (a loop, a throw, a mutation, a computed escape) is contained at run
 * time; and the other rules still run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { caplint, ROOT } from '../helpers/cli.js';
import { RUNC_DEFAULT_PATH } from '../helpers/oci.js';
import { lineOf } from '../helpers/oci.js';

const DIR = join(ROOT, 'test/fixtures/custom-rules');
const hostile = (name: string) => join(DIR, 'hostile', `${name}.ts`);

async function auditWith(ruleFiles: string[], target = RUNC_DEFAULT_PATH) {
  const result = await caplint(['audit', target, '--format', 'json', ...ruleFiles.flatMap((f) => ['--rule-file', f])]);
  return { ...result, report: JSON.parse(result.stdout) as { findings: { ruleId: string; message: string }[]; errors: { file: string; line: number | null; column: number | null; message: string }[] } };
}

describe('custom rules in TypeScript', () => {
  it('a well-formed rule runs beside the built-in ones, with its own messages', async () => {
    const config = JSON.parse(readFileSync(RUNC_DEFAULT_PATH, 'utf8'));
    expect(config.process.capabilities.bounding).not.toContain('CAP_SYS_TIME');
    const { code, report } = await auditWith([join(DIR, 'no-host-time.ts')]);
    expect(code).toBe(1);
    expect(report.errors).toEqual([]);
    expect(report.findings.some((f) => f.ruleId === 'team/no-host-time')).toBe(false);
    expect(report.findings.some((f) => f.ruleId === 'seccomp/required')).toBe(true);
  });

  it('reports through the same engine: message, severity and line', async () => {
    const { caplint: run } = await import('../helpers/cli.js');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const config = JSON.parse(readFileSync(RUNC_DEFAULT_PATH, 'utf8'));
    config.process.capabilities.bounding.push('CAP_SYS_TIME');
    const text = JSON.stringify(config, null, 2);
    const file = join(mkdtempSync(join(tmpdir(), 'caplint-custom-')), 'config.json');
    writeFileSync(file, text);
    const out = JSON.parse((await run(['audit', file, '--format', 'json', '--rule-file', join(DIR, 'no-host-time.ts')])).stdout);
    const mine = out.findings.filter((f: { ruleId: string }) => f.ruleId === 'team/no-host-time');
    expect(mine).toEqual([expect.objectContaining({ severity: 'high', message: 'container "runc" can set the host clock (CAP_SYS_TIME).', line: lineOf(text, '"CAP_SYS_TIME"'), remediation: 'Drop CAP_SYS_TIME.' })]);
  });

  it.each([
    ['import-fs', 'importing "node:fs" is not allowed; rules may import only from "caplint"', 2],
    ['require', '"require" is not allowed: loading modules is not allowed', 10],
    ['dynamic-import', 'dynamic import() is not allowed', 10],
    ['eval', '"eval" is not allowed: generating code at run time is not allowed', 10],
    ['function-ctor', '"Function" is not allowed: generating code at run time is not allowed', 10],
    ['process', '"process" is not allowed: rules cannot reach the caplint process', 10],
    ['global-this', '"globalThis" is not allowed: rules cannot reach the global object', 10],
    ['timer', '"setTimeout" is not allowed: timers are not allowed: a rule runs once, synchronously', 10],
    ['fetch', '"fetch" is not allowed: network access is not allowed', 10],
    ['proto', '".prototype" is not allowed: changing prototypes affects every object', 10],
    ['constructor-escape', '".constructor" is not allowed: reaching constructors can generate code and escape the sandbox', 10],
  ])('rejects %s before running it, at its line', async (name, message, line) => {
    const { code, report } = await auditWith([hostile(name)]);
    expect(code).toBe(2);
    const errors = report.errors.filter((e) => e.file === hostile(name));
    expect(errors[0]).toMatchObject({ message, line });
    expect(errors[0]!.column).toBeGreaterThan(0);
    // The built-in rules still ran.
    expect(report.findings.some((f) => f.ruleId === 'seccomp/required')).toBe(true);
  });

  it.each([
    ['infinite-loop', /rule hostile\/infinite-loop failed on container "runc": it ran longer than 250 ms and was stopped/],
    ['throws', /rule hostile\/throws failed on container "runc": boom from a rule/],
    ['mutate', /rule hostile\/mutate failed on container "runc": it tried to change the model, which is read-only/],
    ['mutate-deep', /rule hostile\/mutate-deep failed on container "runc": it tried to change the model, which is read-only/],
    ['computed-constructor', /rule hostile\/computed-constructor failed on container "runc": Code generation from strings disallowed/],
  ])('contains %s at run time, and the other rules still run', async (name, message) => {
    const { code, report } = await auditWith([hostile(name), join(DIR, 'no-host-time.ts')]);
    expect(code).toBe(2);
    expect(report.errors.map((e) => e.message)).toEqual([expect.stringMatching(message)]);
    expect(report.findings.filter((f) => f.ruleId.startsWith('hostile/'))).toEqual([]);
    expect(report.findings.some((f) => f.ruleId === 'seccomp/required')).toBe(true);
  });

  it('a rule file that does not parse', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'caplint-custom-')), 'broken.ts');
    writeFileSync(file, "import { defineRule } from 'caplint';\nexport default defineRule({ id: 'a/b', \n");
    const { code, report } = await auditWith([file]);
    expect(code).toBe(2);
    expect(report.errors[0]).toMatchObject({ file, line: 3 });
    expect(report.errors[0]!.message).toMatch(/^the rule does not parse: /);
  });

  it('lists custom rules in `caplint rules`', async () => {
    const { code, stdout } = await caplint(['rules', '--rule-file', join(DIR, 'no-host-time.ts')]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/team\/no-host-time\s+high\s+No container may set the host clock/);
  });
});

describe('custom rules and the seccomp profile document', () => {
  it('see the same frozen document in every subject that carries it, sent to the sandbox once', async () => {
    const { mkdtempSync, writeFileSync, readFileSync: read } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { HARDENED_PATH } = await import('../helpers/oci.js');
    const dir = mkdtempSync(join(tmpdir(), 'caplint-peek-'));
    const base = JSON.parse(read(HARDENED_PATH, 'utf8'));
    for (const name of ['one', 'two', 'mutate']) {
      writeFileSync(join(dir, `${name}.json`), JSON.stringify({ ...base, hostname: name }, null, 2));
    }
    const { code, stdout } = await caplint(['audit', join(dir, 'one.json'), join(dir, 'two.json'), join(dir, 'mutate.json'), '--format', 'json', '--no-config', '--rule-file', join(DIR, 'seccomp-peek.ts')]);
    const report = JSON.parse(stdout);
    const counts = report.findings.filter((f: { ruleId: string }) => f.ruleId === 'team/seccomp-peek').map((f: { message: string }) => f.message);
    expect(counts).toEqual([
      `container "one" has ${base.linux.seccomp.syscalls.length} syscall rules, default SCMP_ACT_ERRNO.`,
      `container "two" has ${base.linux.seccomp.syscalls.length} syscall rules, default SCMP_ACT_ERRNO.`,
    ]);
    expect(report.errors.map((e: { message: string }) => e.message)).toEqual([expect.stringMatching(/rule team\/seccomp-peek failed on container "mutate": it tried to change the model, which is read-only/)]);
    expect(code).toBe(2);
  });
});

describe('custom rules and their settings', () => {
  it("receive the options the policy sets for them, over their defaults, in ctx.options", async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'caplint-options-'));
    const rule = join(DIR, 'with-options.ts');
    const labels = async (extra: string[]) => {
      const out = await caplint(['audit', RUNC_DEFAULT_PATH, '--no-config', '--format', 'json', '--rule-file', rule, ...extra]);
      return JSON.parse(out.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === 'team/with-options').map((f: { message: string }) => f.message);
    };
    expect(await labels([])).toEqual(['container "runc" labelled default.']);
    const policy = join(dir, 'policy.json');
    writeFileSync(policy, JSON.stringify({ name: 'opts', title: 'Options', extends: 'default', rules: { 'team/with-options': { options: { label: 'from-policy' } } } }));
    expect(await labels(['--policy', policy])).toEqual(['container "runc" labelled from-policy.']);
  });

  it("say which rule files came from the audited tree's own caplint.config.json", async () => {
    const { mkdtempSync, mkdirSync, writeFileSync, copyFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const repo = mkdtempSync(join(tmpdir(), 'caplint-repo-'));
    mkdirSync(join(repo, 'deploy'));
    mkdirSync(join(repo, 'rules'));
    copyFileSync(RUNC_DEFAULT_PATH, join(repo, 'deploy', 'config.json'));
    copyFileSync(join(DIR, 'no-host-time.ts'), join(repo, 'rules', 'team.ts'));
    writeFileSync(join(repo, 'caplint.config.json'), JSON.stringify({ ruleFiles: ['rules/team.ts'] }));
    const json = JSON.parse((await caplint(['audit', 'deploy', '--format', 'json'], { cwd: repo })).stdout);
    expect(json.summary.customRules.files).toEqual([{ file: 'rules/team.ts', from: 'config', inAuditedTree: true }]);
    const text = (await caplint(['audit', 'deploy'], { cwd: repo })).stdout;
    expect(text).toContain('Rule files from the audited tree (its own code): rules/team.ts (named by caplint.config.json); use --no-config for untrusted changes.');
    const safe = JSON.parse((await caplint(['audit', 'deploy', '--format', 'json', '--no-config'], { cwd: repo })).stdout);
    expect(safe.summary.customRules).toBeUndefined();
    expect(safe.findings.some((f: { ruleId: string }) => f.ruleId === 'seccomp/required')).toBe(true);
  });
});
