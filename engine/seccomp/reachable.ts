/**
 * Which syscalls of the risk catalogue a process's dumped seccomp filters
 * let through. Every filter runs on each call and the kernel keeps the most
 * restrictive action (lowest SECCOMP_RET_ACTION_FULL as a signed number), so
 * a call is reachable when that combined action is ALLOW or LOG. Arguments
 * are tried as all zeros and as all ones: a call counts as reachable when
 * either gets through, since a filter that checks arguments lets some values pass.
 *
 * The argument-gated calls (clone, clone3, socket) are tried with the values
 * that make them risky (CLONE_NEWUSER; any clone3; AF_ALG and AF_VSOCK), and
 * a number no table holds shows the filters' default action.
 */
import type { BpfProgram } from '../../enforcer/bpf/types.js';
import { emulator } from '../../enforcer/bpf/emulate.js';
import type { Emulator } from '../../enforcer/bpf/emulate.js';
import type { Arch } from './types.js';
import { AUDIT_ARCH, actionOf } from './types.js';
import { syscallNames, syscallNumber } from '../linux/syscalls/index.js';
import { ARGUMENT_GATED, SYSCALL_RISKS } from '../linux/syscall-risk.js';

const ARG_VECTORS: readonly (readonly bigint[])[] = [
  [0n, 0n, 0n, 0n, 0n, 0n],
  Array<bigint>(6).fill((1n << 64n) - 1n),
];

const CLONE_NEWUSER = 0x10000000n;
const AF_ALG = 38n;
const AF_VSOCK = 40n;
const args = (first: bigint): readonly bigint[] => [first, 0n, 0n, 0n, 0n, 0n];

/** Per argument-gated call, the argument vectors that make it risky (socketcall's arguments are behind a pointer: not probed). */
const RISKY_ARGUMENTS: ReadonlyMap<string, readonly (readonly bigint[])[]> = new Map([
  ['clone', [args(CLONE_NEWUSER)]],
  ['clone3', [args(0n)]],
  ['socket', [args(AF_ALG), args(AF_VSOCK)]],
]);

/** No architecture's table reaches this number: what the filters answer for it is their default. */
const UNTABLED_NR = 4095;

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
  /** Argument-gated calls (clone, clone3, socket) that get through with their risky argument values. */
  readonly riskyArguments: string[];
  /** The filters let through a syscall number no table holds: they allow by default. */
  readonly defaultAllows: boolean;
  /** How many syscall numbers of the arch's table were evaluated. */
  readonly evaluated: number;
}

export function reachableSyscalls(programs: readonly BpfProgram[], arch: Arch): Reachability {
  const runs = programs.map((p) => emulator(p));
  const passes = (nr: number, vector: readonly bigint[]): boolean => {
    const kind = actionOf(combined(runs, { arch: AUDIT_ARCH[arch], nr, args: vector })).kind;
    return kind === 'allow' || kind === 'log';
  };
  const risky: string[] = [];
  const argumentChecked: string[] = [];
  const riskyArguments: string[] = [];
  let evaluated = 0;
  // Every number of the arch's table (x32 numbers carry __X32_SYSCALL_BIT, so the table, not a range).
  for (const name of syscallNames(arch)) {
    const nr = syscallNumber(arch, name)!;
    evaluated++;
    const gated = ARGUMENT_GATED.has(name) ? RISKY_ARGUMENTS.get(name) : undefined;
    if (gated?.some((vector) => passes(nr, vector))) riskyArguments.push(name);
    if (!SYSCALL_RISKS.has(name)) continue;
    const through = ARG_VECTORS.filter((vector) => passes(nr, vector)).length;
    if (through > 0) risky.push(name);
    if (through > 0 && through < ARG_VECTORS.length) argumentChecked.push(name);
  }
  return { risky, argumentChecked, riskyArguments, defaultAllows: passes(UNTABLED_NR, ARG_VECTORS[0]!), evaluated };
}
