/**
 * The fuzz harness (scripts/fuzz/), a small seeded count for CI: mutated seeds
 * of every input format, profiles and caplint.config.json, each audited beside
 * a control input. Invariants: exit 0/1/2, no stack trace, every error placed
 * file:line:col, the control input still reported, no hang, no heap past
 * 512 MB. Time per input is counted, not asserted (the machine may be busy);
 * `node bench/fuzz.mjs` runs the long count and checks it. Needs `npm run build`.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script, without types
import { fuzz, violations } from '../../scripts/fuzz/run.mjs';

const BUILT = existsSync(fileURLToPath(new URL('../../dist/engine/cli/main.js', import.meta.url)));
if (!BUILT) console.warn('SKIPPED: the fuzz test because dist/ is not built (run npm run build)');

interface Totals {
  inputs: number;
  perFormat: Record<string, number>;
  exitCodes: Record<string, number>;
  crashes: unknown[];
  hangs: unknown[];
  outOfMemory: unknown[];
  slow: unknown[];
}

describe('fuzz', () => {
  it('the invariants catch what they should', () => {
    const context = { format: 'oci', path: '/x/config.json', controlFindings: 3, timeLimitMs: 1000 };
    const ok = { code: 1, stdout: JSON.stringify({ findings: [{ file: fileURLToPath(new URL('../../examples/oci/runc-default/config.json', import.meta.url)) }], errors: [] }), stderr: '', ms: 5 };
    expect(violations(ok, context)).toEqual(['the control input lost its report (1 of 3 findings)']);
    expect(violations({ ...ok, code: 3 }, context)).toContain('exit code 3');
    expect(violations({ code: 2, stdout: '', stderr: 'TypeError: x\n    at f (file.js:1:2)\n', ms: 1 }, context)).toContain('a stack trace or an unexpected error was printed');
    expect(violations({ code: 2, stdout: JSON.stringify({ findings: [], errors: [{ file: 'a', line: null, column: null, message: 'm' }] }), stderr: '', ms: 1 }, { ...context, format: 'profile' })).toEqual(['unplaced error: a: m']);
  });

  it.skipIf(!BUILT)('1,800 seeded mutations: no crash, no hang, no heap overflow, every error placed', async () => {
    const totals = (await fuzz({ count: 1800, seed: 13 })) as Totals;
    expect(totals.inputs).toBe(1800);
    expect(Object.values(totals.perFormat)).toEqual([300, 300, 300, 300, 300, 300]);
    expect(totals.crashes).toEqual([]);
    expect(totals.hangs).toEqual([]);
    expect(totals.outOfMemory).toEqual([]);
    // Mutations land on both sides of the gate: some inputs still audit (1), many are refused (2).
    expect(totals.exitCodes['1']).toBeGreaterThan(0);
    expect(totals.exitCodes['2']).toBeGreaterThan(0);
    console.log(`fuzz: ${totals.inputs} inputs, exit codes ${JSON.stringify(totals.exitCodes)}, ${totals.slow.length} over 1 s`);
  }, 600_000);
});
