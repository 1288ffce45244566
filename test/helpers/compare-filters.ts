/**
 * Runs caplint's filter, libseccomp's filter and the table itself on every
 * syscall number of one architecture and the argument vectors of
 * arg-vectors.ts, and returns the first disagreement (or undefined).
 */
import type { ArchTable, DecisionTable } from '../../engine/seccomp/types.js';
import { AUDIT_ARCH, X32_SYSCALL_BIT } from '../../engine/seccomp/types.js';
import { decideCall } from '../../engine/seccomp/decide-call.js';
import type { Emulator } from '../../enforcer/bpf/emulate.js';
import { argVectors } from './arg-vectors.js';
import type { Random } from './random.js';

export interface Disagreement {
  readonly arch: string;
  readonly nr: number;
  readonly args: readonly bigint[];
  readonly table: number;
  readonly caplint: number;
  readonly libseccomp: number;
}

/** Numbers of the arch's own range: 0..highest (x32: from the x32 bit). */
export function numbersOf(t: ArchTable): number[] {
  const base = t.arch === 'x32' ? X32_SYSCALL_BIT : 0;
  return Array.from({ length: t.highestKnownNr - base + 1 }, (_, i) => base + i);
}

/** `theirsUnknown`: numbers libseccomp does not know by the table's name (newer syscalls): only caplint is compared there. */
export function compareFilters(table: DecisionTable, t: ArchTable, caplint: Emulator, libseccomp: Emulator, r: Random, theirsUnknown: ReadonlySet<number> = new Set()): Disagreement | undefined {
  const arch = AUDIT_ARCH[t.arch];
  const entries = new Map(t.syscalls.map((s) => [s.nr, s]));
  for (const nr of numbersOf(t)) {
    // libseccomp compares only the low half on i386 and x32; the kernel zero-extends their
    // 32-bit arguments, so both agree on every argument those ABIs can pass.
    for (const args of argVectors(entries.get(nr), r, t.arch === 'i386' || t.arch === 'x32')) {
      const call = { arch, nr, args };
      const expected = decideCall(table, call);
      const mine = caplint(call).value;
      const theirs = theirsUnknown.has(nr) ? expected : libseccomp(call).value;
      if (mine !== expected || theirs !== expected) return { arch: t.arch, nr, args, table: expected, caplint: mine, libseccomp: theirs };
    }
  }
  return undefined;
}
