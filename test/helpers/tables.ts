/** Hand-built decision tables for compiler tests. */
import type { Action, Arch, ArchTable, ArgCompare, CompareOp, DecisionTable, SyscallEntry } from '../../engine/seccomp/types.js';
import { highestSyscallNumber, syscallNumber } from '../../engine/linux/syscalls/index.js';

export const ALLOW: Action = { kind: 'allow' };
export const EPERM: Action = { kind: 'errno', errno: 1 };
export const ENOSYS_VALUE = 0x50026;

export const cmp = (index: number, op: CompareOp, value: bigint, valueTwo = 0n): ArgCompare => ({ index, op, value, valueTwo });

/** Entries by name: `[name, rules]`, numbered for `arch` and sorted. */
export function archTable(arch: Arch, defaultAction: Action, entries: readonly [string, SyscallEntry['rules']][]): ArchTable {
  const syscalls = entries.map(([name, rules]) => {
    const nr = syscallNumber(arch, name);
    if (nr === undefined) throw new Error(`${name} is not a syscall on ${arch}`);
    return { name, nr, rules };
  }).sort((a, b) => a.nr - b.nr);
  return { arch, defaultAction, syscalls, highestKnownNr: highestSyscallNumber(arch) };
}

export function table(arches: readonly ArchTable[], badArchAction: Action = { kind: 'kill_process' }): DecisionTable {
  return { arches, badArchAction, flags: [] };
}

/** Arguments that record whether the filter read any of them (or the instruction pointer). */
export function watchedCall(arch: number, nr: number): { call: { arch: number; nr: number; args: bigint[]; ip: bigint }; touched: () => boolean } {
  let read = false;
  const args = new Proxy([0n, 0n, 0n, 0n, 0n, 0n], { get: (target, key, receiver) => ((read ||= /^\d+$/.test(String(key))), Reflect.get(target, key, receiver)) });
  const call = { arch, nr, args, get ip() { read = true; return 0n; } };
  return { call, touched: () => read };
}
