/**
 * caplint's built-in profiles and Docker's default, resolved for two
 * capability sets, compiled by caplint and by libseccomp (default and tree
 * layouts, one filter per architecture): every syscall number of every
 * architecture, with boundary arguments, gets the table's action from both.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { SeccompProfileSource } from '../../engine/model/subject.js';
import type { Arch } from '../../engine/seccomp/types.js';
import { builtinProfile, profileSource, readProfile, resolveProfile } from '../../engine/seccomp/profile/index.js';
import { RUNTIME_DEFAULT_CAPS } from '../../engine/linux/capabilities.js';
import { compile } from '../../enforcer/bpf/compile.js';
import { emulator } from '../../enforcer/bpf/emulate.js';
import { MULTIPLEXED, libseccompFilters, libseccompPython } from '../helpers/libseccomp.js';
import { compareFilters } from '../helpers/compare-filters.js';
import { Random } from '../helpers/random.js';
import { available, sharedPath } from '../helpers/skip.js';

const moby = sharedPath('seccomp/moby-default.json');
const PROFILES: [string, () => SeccompProfileSource, boolean][] = [
  ['caplint default', () => builtinProfile('default'), true],
  ['caplint strict', () => builtinProfile('strict'), true],
  ["Docker's default", () => profileSource('moby-default.json', readFileSync(moby, 'utf8')), available("the comparison on Docker's default profile", moby)],
];
const CAPS: [string, readonly string[]][] = [
  ["Docker's 14 capabilities", RUNTIME_DEFAULT_CAPS],
  ['with SYS_ADMIN and SYS_PTRACE', [...RUNTIME_DEFAULT_CAPS, 'CAP_SYS_ADMIN', 'CAP_SYS_PTRACE']],
];

describe.skipIf(!libseccompPython())('compiled profiles agree with libseccomp', () => {
  for (const [name, source, present] of PROFILES)
    for (const native of ['x86_64', 'aarch64'] as Arch[])
      for (const [capsName, caps] of CAPS)
        it.skipIf(!present)(`${name} on ${native}, ${capsName}`, () => {
          const table = resolveProfile(readProfile(source()), { arch: native, caps });
          const mine = emulator(compile(table));
          const requests = table.arches.flatMap((t) => ([0, 2] as const).map((optimize) => ({ tables: [t], badArchAction: table.badArchAction, optimize })));
          const filters = libseccompFilters(requests);
          requests.forEach(({ tables: [t] }, i) => {
            const theirs = filters[i]!;
            // Only i386's socketcall-multiplexed calls may be refused (argument rules on them); they are not compared.
            expect(theirs.refused.filter(([n]) => t!.arch !== 'i386' || !MULTIPLEXED.test(n))).toEqual([]);
            const refused = new Set(theirs.refused.map(([n]) => n));
            const renumbered = t!.syscalls.filter((s) => theirs.numbers[s.name] !== s.nr);
            const newer = renumbered.filter((s) => t!.arch !== 'i386' || !MULTIPLEXED.test(s.name));
            expect(newer.length, `${t!.arch}: names libseccomp 2.5 does not know`).toBeLessThan(25);
            const unknown = new Set([...renumbered, ...t!.syscalls.filter((s) => refused.has(s.name))].map((s) => s.nr));
            expect(compareFilters(table, t!, mine, emulator(theirs.program), new Random(1), unknown)).toBeUndefined();
          });
        });
});
