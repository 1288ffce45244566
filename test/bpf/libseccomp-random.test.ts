/**
 * Differential test: a few hundred random profiles per run, each compiled
 * by caplint and by libseccomp (binary-tree layout), must give the table's
 * action for every syscall number and boundary argument. Set CAPLINT_SEED
 * to replay a run; a failure prints the seed of its profile.
 */
import { describe, expect, it } from 'vitest';
import type { Arch } from '../../engine/seccomp/types.js';
import { ARCHES } from '../../engine/seccomp/types.js';
import { syscallNames, syscallNumber } from '../../engine/linux/syscalls/index.js';
import { compile } from '../../enforcer/bpf/compile.js';
import { emulator } from '../../enforcer/bpf/emulate.js';
import { MULTIPLEXED, libseccompFilters, libseccompNumbers, libseccompPython } from '../helpers/libseccomp.js';
import { randomProfile } from '../helpers/random-profile.js';
import { Random } from '../helpers/random.js';
import { tableFromSpec } from '../helpers/spec-table.js';
import { compareFilters } from '../helpers/compare-filters.js';

const PROFILES = Number(process.env.CAPLINT_PROFILES ?? 300);
const SEED = Number(process.env.CAPLINT_SEED ?? Date.now() % 1_000_000);

/** Names every architecture numbers alike in caplint's tables and libseccomp's. */
function commonNames(): string[] {
  const candidates = syscallNames('x86_64').filter((n) => !MULTIPLEXED.test(n));
  const theirs = Object.fromEntries(ARCHES.map((a) => [a, libseccompNumbers(a, candidates)]));
  return candidates.filter((name) => ARCHES.every((a) => (theirs[a]![name] ?? undefined) === syscallNumber(a, name)));
}

describe.skipIf(!libseccompPython())('compiled filters agree with libseccomp on random profiles', () => {
  it(`${PROFILES} profiles from seed ${SEED}`, { timeout: 180_000 }, () => {
    const names = commonNames();
    expect(names.length).toBeGreaterThan(250);
    const cases = Array.from({ length: PROFILES }, (_, i) => {
      const seed = SEED + i;
      const r = new Random(seed);
      const arches: Arch[] = ['x86_64', ...(['i386', 'aarch64', 'x32'] as const).filter(() => r.chance(0.4))];
      const spec = randomProfile(r, names, { narrow: arches.includes('i386') || arches.includes('x32'), overlapping: false, size: 320 / arches.length });
      return { seed, r, table: tableFromSpec(spec, arches) };
    });
    const requests = cases.flatMap(({ table }) => table.arches.map((t) => ({ tables: [t], badArchAction: table.badArchAction, optimize: 2 as const })));
    const filters = libseccompFilters(requests);
    let next = 0;
    let checked = 0;
    for (const { seed, r, table } of cases) {
      const mine = emulator(compile(table));
      for (const t of table.arches) {
        const theirs = filters[next++]!;
        expect(theirs.refused, `seed ${seed}: libseccomp refused rules`).toEqual([]);
        const diff = compareFilters(table, t, mine, emulator(theirs.program), r);
        expect(diff, `seed ${seed} (CAPLINT_SEED=${seed} CAPLINT_PROFILES=1)`).toBeUndefined();
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(PROFILES);
  });
});
