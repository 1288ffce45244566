/**
 * Which syscalls of the risk catalogue a process's dumped seccomp filters
 * let through. Every filter runs on each call and the kernel keeps the most
 * restrictive action (lowest SECCOMP_RET_ACTION_FULL as a signed number), so
 * a call is reachable when that combined action is ALLOW or LOG. Arguments
 * are tried as all zeros and as all ones: a call counts as reachable when
 * either gets through, since a filter that checks arguments lets some values pass.
 */
import type { BpfProgram } from '../../enforcer/bpf/types.js';
import { emulator } from '../../enforcer/bpf/emulate.js';
import type { Emulator } from '../../enforcer/bpf/emulate.js';
import type { Arch } from './types.js';
import { AUDIT_ARCH, actionOf } from './types.js';
import { syscallNames, syscallNumber } from '../linux/syscalls/index.js';
import { SYSCALL_RISKS } from '../linux/syscall-risk.js';

const ARG_VECTORS: readonly (readonly bigint[])[] = [
  [0n, 0n, 0n, 0n, 0n, 0n],
  Array<bigint>(6).fill((1n << 64n) - 1n),
];

/** The action the kernel takes when every filter has answered: the most restrictive one. */
export function combined(runs: readonly Emulator[], data: Parameters<Emulator>[0]): number {
  let worst: number | undefined;
  for (const run of runs) {
    const value = run(data).value >>> 0;
    if (worst === undefined || ((value & 0xffff0000) | 0) < ((worst & 0xffff0000) | 0)) worst = value;
  }
  return worst ?? 0x7fff0000;
}

export interface Reachability {
  /** Catalogue syscalls some argument vector gets through, in number order. */
  readonly risky: string[];
  /** Those of `risky` that only some of the argument vectors got through (the filter checks arguments). */
  readonly argumentChecked: string[];
  /** How many syscall numbers of the arch's table were evaluated. */
  readonly evaluated: number;
}

export function reachableSyscalls(programs: readonly BpfProgram[], arch: Arch): Reachability {
  const runs = programs.map((p) => emulator(p));
  const risky: string[] = [];
  const argumentChecked: string[] = [];
  let evaluated = 0;
  // Every number of the arch's table (x32 numbers carry __X32_SYSCALL_BIT, so the table, not a range).
  for (const name of syscallNames(arch)) {
    const nr = syscallNumber(arch, name)!;
    evaluated++;
    if (!SYSCALL_RISKS.has(name)) continue;
    const passes = ARG_VECTORS.filter((args) => {
      const kind = actionOf(combined(runs, { arch: AUDIT_ARCH[arch], nr, args })).kind;
      return kind === 'allow' || kind === 'log';
    }).length;
    if (passes > 0) risky.push(name);
    if (passes > 0 && passes < ARG_VECTORS.length) argumentChecked.push(name);
  }
  return { risky, argumentChecked, evaluated };
}
