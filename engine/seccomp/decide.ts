/**
 * What a DecisionTable answers for one call, read straight from the table
 * (no BPF): the reference the compiler's output can be checked against, and
 * what `analyse` uses to answer for given arguments.
 */
import type { Action, ArgCompare, ArchTable, DecisionTable } from './types.js';
import { RET } from './types.js';

const U64 = (1n << 64n) - 1n;

export function compareHolds(c: ArgCompare, arg: bigint): boolean {
  const a = arg & U64;
  switch (c.op) {
    case 'EQ': return a === c.value;
    case 'NE': return a !== c.value;
    case 'LT': return a < c.value;
    case 'LE': return a <= c.value;
    case 'GT': return a > c.value;
    case 'GE': return a >= c.value;
    case 'MASKED_EQ': return (a & c.value) === c.valueTwo;
  }
}

/** The action for syscall `nr` with `args` (missing arguments are 0) under one architecture's table. */
export function decideInArch(table: ArchTable, nr: number, args: readonly bigint[] = []): Action {
  const entry = table.syscalls.find((e) => e.nr === nr);
  if (entry) {
    for (const rule of entry.rules) {
      if (rule.when.every((c) => compareHolds(c, args[c.index] ?? 0n))) return rule.action;
    }
    return table.defaultAction;
  }
  // Numbers beyond the tables get ENOSYS so that libc falls back, unless the default lets the call through.
  const permissive = ['allow', 'log', 'trace'].includes(table.defaultAction.kind);
  if (nr > table.highestKnownNr && !permissive) return { kind: 'errno', errno: 38 };
  return table.defaultAction;
}

/** The action for a call from `arch`; architectures the table does not cover get the bad-arch action. */
export function decide(table: DecisionTable, arch: string, nr: number, args: readonly bigint[] = []): Action {
  const archTable = table.arches.find((t) => t.arch === arch);
  return archTable ? decideInArch(archTable, nr, args) : table.badArchAction;
}

