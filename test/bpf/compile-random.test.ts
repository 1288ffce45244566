/**
 * Property test without libseccomp: random tables with overlapping rules
 * (first match wins), repeated arguments, unconditional rules anywhere and
 * MASKED_EQ values outside their mask, on every architecture at once; the
 * compiled filter must give the table's answer for every syscall number,
 * the numbers around the tables' ends, nr -1, and foreign architectures.
 * CAPLINT_SEED replays a run.
 */
import { describe, expect, it } from 'vitest';
import type { Arch } from '../../engine/seccomp/types.js';
import { AUDIT_ARCH, X32_SYSCALL_BIT } from '../../engine/seccomp/types.js';
import { decideCall } from '../../engine/seccomp/decide-call.js';
import { syscallNames } from '../../engine/linux/syscalls/index.js';
import { compile } from '../../enforcer/bpf/compile.js';
import { emulator } from '../../enforcer/bpf/emulate.js';
import { randomProfile } from '../helpers/random-profile.js';
import { Random } from '../helpers/random.js';
import { tableFromSpec } from '../helpers/spec-table.js';
import { argVectors } from '../helpers/arg-vectors.js';
import { numbersOf } from '../helpers/compare-filters.js';

const PROFILES = Number(process.env.CAPLINT_PROFILES ?? 200);
const SEED = Number(process.env.CAPLINT_SEED ?? Date.now() % 1_000_000);
const FOREIGN = [0x40000028, 0xc00000f3, 0];

describe('compiled filters give the table\'s answer on random tables with overlapping rules', () => {
  it(`${PROFILES} tables from seed ${SEED}`, { timeout: 180_000 }, () => {
    const names = syscallNames('x86_64');
    for (let i = 0; i < PROFILES; i++) {
      const seed = SEED + i;
      const r = new Random(seed);
      const arches: Arch[] = r.shuffle(['x86_64', 'i386', 'x32', 'aarch64'] as Arch[]).filter((_, k) => k === 0 || r.chance(0.5));
      const spec = randomProfile(r, names, { narrow: false, overlapping: true, size: 240 / arches.length });
      const table = tableFromSpec(spec, arches);
      const run = emulator(compile(table));
      const check = (arch: number, nr: number, args: bigint[]) => {
        const call = { arch, nr, args };
        if (run(call).value !== decideCall(table, call)) expect(run(call).value, `seed ${seed} (CAPLINT_SEED=${seed} CAPLINT_PROFILES=1): arch 0x${arch.toString(16)} nr ${nr} args ${args.join(',')}`).toBe(decideCall(table, call));
      };
      for (const t of table.arches) {
        const entries = new Map(t.syscalls.map((s) => [s.nr, s]));
        for (const nr of numbersOf(t)) for (const args of argVectors(entries.get(nr), r, false)) check(AUDIT_ARCH[t.arch], nr, args);
        for (const nr of [t.highestKnownNr + 1, t.highestKnownNr + 2, 0x3fffffff, X32_SYSCALL_BIT, X32_SYSCALL_BIT + 1, 0xfffffffe, -1])
          check(AUDIT_ARCH[t.arch], nr, [r.u64()]);
      }
      for (const arch of FOREIGN) check(arch, r.int(0, 500), []);
    }
  });
});
