/**
 * What a decision table means for one syscall, read straight from the table
 * (no BPF): the reference the compiled filter must agree with.
 */
import type { ArchTable, ArgCompare, DecisionTable, SyscallEntry } from './types.js';
import { AUDIT_ARCH, RET, X32_SYSCALL_BIT, actionValue } from './types.js';

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

export function holds(c: ArgCompare, arg: bigint): boolean {
  switch (c.op) {
    case 'EQ': return arg === c.value;
    case 'NE': return arg !== c.value;
    case 'LT': return arg < c.value;
    case 'LE': return arg <= c.value;
    case 'GT': return arg > c.value;
    case 'GE': return arg >= c.value;
    case 'MASKED_EQ': return (arg & c.value) === c.valueTwo;
  }
}

/**
 * The table for a call's architecture and ABI, if the table allows it. x32
 * numbers carry X32_SYSCALL_BIT; nr -1 (a tracer skipping the call) is not one.
 */
export function tableFor(table: DecisionTable, arch: number, nr: number): ArchTable | undefined {
  const x32 = arch === AUDIT_ARCH.x86_64 && (nr >>> 0) >= X32_SYSCALL_BIT && (nr >>> 0) !== 0xffffffff;
  return table.arches.find((t) => AUDIT_ARCH[t.arch] === arch >>> 0 && (t.arch === 'x32') === x32);
}

const indexes = new WeakMap<ArchTable, ReadonlyMap<number, SyscallEntry>>();

function byNumber(t: ArchTable): ReadonlyMap<number, SyscallEntry> {
  let index = indexes.get(t);
  if (!index) indexes.set(t, (index = new Map(t.syscalls.map((s) => [s.nr >>> 0, s]))));
  return index;
}

/** The filter's return value for a call (an unsigned 32-bit SECCOMP_RET_* value). */
export function decide(table: DecisionTable, call: SyscallCall): number {
  const nr = call.nr >>> 0;
  const t = tableFor(table, call.arch, nr);
  if (!t) return actionValue(table.badArchAction);
  const entry = byNumber(t).get(nr);
  if (!entry) return nr <= t.highestKnownNr ? actionValue(t.defaultAction) : unknownValue(t);
  // 32-bit ABIs pass zero-extended arguments: only the low half is real.
  const arg = (i: number) => BigInt.asUintN(64, call.args[i] ?? 0n) & (t.arch === 'i386' ? U32 : (1n << 64n) - 1n);
  const rule = entry.rules.find((r) => r.when.every((c) => holds(c, arg(c.index))));
  return actionValue(rule ? rule.action : t.defaultAction);
}
