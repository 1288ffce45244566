/**
 * The programmatic API, reached the way a user reaches it: through the
 * package's `exports` (`import { audit } from 'caplint'` in a separate Node
 * process, from dist/), and type-checked as a TypeScript consumer would
 * compile against dist/engine/api.d.ts. It returns results and never prints
 * or sets the exit code.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const scratch = mkdtempSync(join(tmpdir(), 'caplint-api-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
// A consumer project: caplint installed as a dependency (a link to this package).
mkdirSync(join(scratch, 'node_modules'));
symlinkSync(ROOT, join(scratch, 'node_modules', 'caplint'));
writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }));

/** Runs `body` as an ES module of the consumer project; it prints one JSON value. */
function consumer(body: string) {
  writeFileSync(join(scratch, 'main.mjs'), body);
  const run = spawnSync(process.execPath, ['main.mjs'], { cwd: scratch, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stderr: run.stderr, out: run.stdout };
}

describe("import { audit } from 'caplint'", () => {
  it('audits paths, returns typed results, prints nothing and leaves the exit code alone', () => {
    const run = consumer(`
import { audit } from 'caplint';
const result = await audit({ paths: ['examples/kubernetes/risky.yaml'], cwd: ${JSON.stringify(ROOT)}, config: false });
process.stdout.write(JSON.stringify({ exitCode: result.exitCode, ids: result.findings.map((f) => f.ruleId), count: result.summary.findings, errors: result.errors, processExitCode: process.exitCode ?? null }));
`);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.out) as { exitCode: number; ids: string[]; count: number; errors: unknown[]; processExitCode: null };
    expect(out.exitCode).toBe(1);
    expect(out.ids).toContain('capabilities/no-dangerous');
    expect(out.count).toBe(out.ids.length);
    expect(out.errors).toEqual([]);
    expect(out.processExitCode).toBeNull();
  });

  it('takes texts in memory, keeps suppressed findings apart, reports bad input as a result, renders any format', () => {
    const run = consumer(`
import { audit, formatReport } from 'caplint';
const pod = 'apiVersion: v1\\nkind: Pod\\nmetadata:\\n  name: web\\n  annotations:\\n    caplint.dev/ignore: "seccomp/required: gVisor"\\nspec:\\n  containers:\\n    - name: web\\n      image: nginx\\n';
const ok = await audit({ texts: [{ file: 'pod.yaml', text: pod }], config: false, failOn: 'critical' });
const bad = await audit({ texts: [{ file: 'broken.json', text: '{"ociVersion": ' }], config: false });
const sarif = JSON.parse(await formatReport(ok, 'sarif'));
process.stdout.write(JSON.stringify({
  ok: ok.exitCode, suppressed: ok.suppressed.map((f) => [f.ruleId, f.suppression.justification]),
  bad: bad.exitCode, badError: bad.errors[0],
  sarifSuppressed: sarif.runs[0].results.filter((r) => r.suppressions).length,
}));
`);
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.out) as Record<string, unknown>;
    expect(out.ok).toBe(0);
    expect(out.suppressed).toEqual([['seccomp/required', 'gVisor']]);
    expect(out.bad).toBe(2);
    expect(out.badError).toMatchObject({ file: 'broken.json', line: 1 });
    expect(out.sarifSuppressed).toBe(1);
  });

  it('rejects a bad option with a CaplintError instead of exiting', () => {
    const run = consumer(`
import { audit, CaplintError } from 'caplint';
try { await audit({ paths: ['x.yaml'], policy: 'no-such-policy', config: false }); process.stdout.write('resolved'); }
catch (error) { process.stdout.write(JSON.stringify({ caplint: error instanceof CaplintError, message: error.message })); }
`);
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.out) as { caplint: boolean; message: string };
    expect(out.caplint).toBe(true);
    expect(out.message).toContain('no-such-policy');
  });

  it('type-checks as a TypeScript consumer would compile it against the published declarations', () => {
    writeFileSync(join(scratch, 'typed.ts'), `
import { audit, type AuditOptions, type AuditResult, type Finding } from 'caplint';
const options: AuditOptions = { paths: ['deploy/'], policy: 'restricted', failOn: 'medium' };
const result: AuditResult = await audit(options);
const first: Finding | undefined = result.findings[0];
const code: 0 | 1 | 2 = result.exitCode;
export { first, code };
// @ts-expect-error failOn takes a severity
await audit({ failOn: 'severe' });
`);
    writeFileSync(join(scratch, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'], typeRoots: [join(ROOT, 'node_modules', '@types')] },
      files: ['typed.ts'],
    }));
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', scratch], { encoding: 'utf8', timeout: 120_000 });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });
});
