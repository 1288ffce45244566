/**
 * The adversarial suite: each file under attacks/ is a rule written to cross
 * the custom-rule boundary, with the outcome it must have. For every case the
 * attacker must fail on all counts: no file written outside the host, no
 * process started, no network connection, no crash or hang of the audit,
 * no change to another rule file's findings, no built-in finding lost. What
 * the user sees (the errors) is asserted exactly.
 */
import { existsSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caplint, ROOT } from '../helpers/cli.js';
import { HARDENED_PATH, RUNC_DEFAULT_PATH } from '../helpers/oci.js';
import { addonBuilt } from './host-helpers.js';

const ATTACKS = join(ROOT, 'test/custom-rules/attacks');
const WITNESS = join(ROOT, 'test/custom-rules/witness.ts');
const PORT = 47812;

interface Report {
  findings: { ruleId: string; message: string; subject: string }[];
  errors: { file: string; message: string }[];
  summary: { customRules?: { boundary: string } };
}

async function audit(ruleFiles: string[]) {
  const result = await caplint(['audit', RUNC_DEFAULT_PATH, HARDENED_PATH, '--no-config', '--format', 'json', ...ruleFiles.flatMap((f) => ['--rule-file', f])]);
  return { code: result.code, report: JSON.parse(result.stdout) as Report };
}

const others = (report: Report) => report.findings.filter((f) => !f.ruleId.startsWith('attack/')).map((f) => `${f.ruleId} ${f.subject} ${f.message}`);
const own = (report: Report) => report.findings.filter((f) => f.ruleId.startsWith('attack/')).map((f) => f.message).sort();
const failed = (name: string, why: string) => new RegExp(`^rule attack/${name} failed on container "runc": ${why}`);
const OFF = 'it ran longer than 250 ms and was stopped; it is off for the rest of this run$';

/** [attack, errors the user sees (in order), the attack rule's own findings (or how many), needs the OS-level limits]. */
const CASES: [string, RegExp[], string[] | number, boolean][] = [
  ['prepare-stack-trace', [], ['container "app": not called.', 'container "runc": not called.'], false],
  ['subject-constructor', [], ['container "app": contained.', 'container "runc": contained.'], false],
  ['message-getter-hang', [/^the rule file failed while loading: it ran longer than 250 ms and was stopped$/], [], false],
  ['message-getter-throws', [failed('message-getter-throws', 'it threw a value that cannot be shown$'), /^rule attack\/message-getter-throws failed on container "app": it threw a value that cannot be shown$/], [], false],
  ['define-rule-flood', [/^the file defines more than 100 rules; at most 100 rules per file$/], [], false],
  ['json-rebind', [], ['container "app": refused,refused,refused,refused,refused,refused.', 'container "runc": refused,refused,refused,refused,refused,refused.'], false],
  ['severity-tostring', [
    failed('severity-tostring', 'it reported a finding caplint cannot accept \\(its severity is not one of info, low, medium, high, critical\\); the finding was dropped; it reported a finding caplint cannot accept \\(data.result is not a string or a number\\); the finding was dropped$'),
    /^rule attack\/severity-tostring failed on container "app"/,
  ], [], false],
  ['data-getter-hang', [failed('data-getter-hang', OFF)], [], false],
  ['regexp-backtrack', [failed('regexp-backtrack', OFF)], [], false],
  ['microtask-loop', [/^the rule file failed while loading: it ran longer than 250 ms and was stopped$/], [], false],
  ['finding-flood', [failed('finding-flood', 'it reported more than 1000 findings on one subject; the rest were dropped$'), /^rule attack\/finding-flood failed on container "app": it reported more than 1000/], 2000, false],
  ['stack-overflow', [failed('stack-overflow', 'Maximum call stack size exceeded$'), /^rule attack\/stack-overflow failed on container "app": Maximum call stack size exceeded$/], [], false],
  ['unknown-message', [failed('unknown-message', 'unknown message id "granted"$'), /^rule attack\/unknown-message failed on container "app": unknown message id "granted"$/], [], false],
  ['array-buffer-4g', [failed('array-buffer-4g', 'Array buffer allocation failed$'), /^rule attack\/array-buffer-4g failed on container "app": Array buffer allocation failed$/], [], true],
  ['memory-fill', [failed('memory-fill', 'it used more than 512 MiB and was stopped; it is off for the rest of this run$')], [], true],
  ['cast-global', [/^"globalThis" is not allowed: rules cannot reach the global object$/], [], false],
  ['as-any-process', [/^"process" is not allowed: rules cannot reach the caplint process$/], [], false],
  ['enum-initialiser', [/^"globalThis" is not allowed: rules cannot reach the global object$/], [], false],
  ['computed-global', [/^the computed name "globalThis" is not allowed: rules cannot reach the global object$/], [], false],
  ['template-key', [/^the computed name "process" is not allowed: rules cannot reach the caplint process$/], [], false],
];

describe('custom rules under attack', () => {
  let server: Server;
  let connections = 0;
  let baseline: Report;

  beforeAll(async () => {
    server = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(PORT, '127.0.0.1', resolve));
    baseline = (await audit([WITNESS])).report;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    for (const [name] of CASES) for (const suffix of ['', '.exec']) rmSync(`/tmp/caplint-attack-${name}${suffix}`, { force: true });
  });

  it('the witness and the built-in rules give the findings every case is compared with', () => {
    expect(baseline.errors).toEqual([]);
    expect(others(baseline)).toContain('witness/seen container "runc" container "runc" seen with hostname container "runc".');
    expect(others(baseline).some((f) => f.startsWith('seccomp/required container "runc"'))).toBe(true);
  });

  it.each(CASES)('%s fails on every count', async (name, errors, findings, needsOsLimits) => {
    if (needsOsLimits && !addonBuilt()) {
      console.warn(`SKIPPED: ${name} needs the rule host's OS-level limits, because the enforcer addon is not built`);
      return;
    }
    for (const suffix of ['', '.exec']) rmSync(`/tmp/caplint-attack-${name}${suffix}`, { force: true });
    const before = connections;
    const file = join(ATTACKS, `${name}.ts`);
    const { code, report } = await audit([file, WITNESS]);
    expect(existsSync(`/tmp/caplint-attack-${name}`)).toBe(false);
    expect(existsSync(`/tmp/caplint-attack-${name}.exec`)).toBe(false);
    expect(connections).toBe(before);
    expect(report.errors.map((e) => e.message)).toEqual(errors.map((e) => expect.stringMatching(e)));
    expect(report.errors.every((e) => e.file === file || e.file === RUNC_DEFAULT_PATH || e.file === HARDENED_PATH)).toBe(true);
    expect(others(report)).toEqual(others(baseline));
    if (typeof findings === 'number') expect(own(report)).toHaveLength(findings);
    else expect(own(report)).toEqual(findings);
    expect(code).toBe(errors.length ? 2 : 1);
  });
});
