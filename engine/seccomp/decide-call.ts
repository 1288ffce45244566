/**
 * The table's answer for one call as a filter sees it (seccomp_data's arch
 * value and raw number), with the routing the compiled filter does: x32
 * numbers (X32_SYSCALL_BIT) go to the x32 table, nr -1 (a tracer skipping
 * the call) is not an x32 number, a foreign arch gets the bad-arch action,
 * and i386 arguments are 32 bits (the kernel zero-extends them).
 */
import type { ArchTable, DecisionTable, SyscallEntry } from './types.js';
import { AUDIT_ARCH, RET, X32_SYSCALL_BIT, actionValue } from './types.js';
import { compareHolds } from './decide.js';

export interface SyscallCall {
  readonly arch: number;
  readonly nr: number;
  readonly args: readonly bigint[];
}

const ENOSYS = 38;
const U32 = 0xffffffffn;
/** Defaults that let an unknown syscall through: ENOSYS would change nothing useful for them. */
const PASSING = new Set(['allow', 'log', 'trace']);

/** The value for numbers above the table's highest known one: ENOSYS so libc falls back, unless the default lets calls through. */
export function unknownValue(table: ArchTable): number {
  return PASSING.has(table.defaultAction.kind) ? actionValue(table.defaultAction) : (RET.ERRNO | ENOSYS) >>> 0;
}

export function tableFor(table: DecisionTable, arch: number, nr: number): ArchTable | undefined {
  const x32 = arch >>> 0 === AUDIT_ARCH.x86_64 && nr >>> 0 >= X32_SYSCALL_BIT && nr >>> 0 !== 0xffffffff;
  return table.arches.find((t) => AUDIT_ARCH[t.arch] === arch >>> 0 && (t.arch === 'x32') === x32);
}

const indexes = new WeakMap<ArchTable, ReadonlyMap<number, SyscallEntry>>();

function byNumber(t: ArchTable): ReadonlyMap<number, SyscallEntry> {
  let index = indexes.get(t);
  if (!index) indexes.set(t, (index = new Map(t.syscalls.map((s) => [s.nr >>> 0, s]))));
  return index;
}

/** The filter's return value for a call (an unsigned 32-bit SECCOMP_RET_* value). */
export function decideCall(table: DecisionTable, call: SyscallCall): number {
  const nr = call.nr >>> 0;
  const t = tableFor(table, call.arch, nr);
  if (!t) return actionValue(table.badArchAction);
  const entry = byNumber(t).get(nr);
  if (!entry) return nr <= t.highestKnownNr ? actionValue(t.defaultAction) : unknownValue(t);
  const arg = (i: number) => BigInt.asUintN(t.arch === 'i386' ? 32 : 64, call.args[i] ?? 0n);
  const rule = entry.rules.find((r) => r.when.every((c) => compareHolds(c, arg(c.index))));
  return actionValue(rule ? rule.action : t.defaultAction);
}
