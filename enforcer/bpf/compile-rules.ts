/**
 * One syscall's rules, simplified before any code is emitted: comparisons
 * that always hold are dropped, rules that can never apply are dropped,
 * nothing after an unconditional rule is kept, and trailing rules whose
 * action equals what follows them are dropped. A syscall left with no
 * conditional rule is unconditional, so its path loads no argument.
 */
import type { Action, ArgCompare, SyscallRule } from '../../engine/seccomp/types.js';
import { actionValue } from '../../engine/seccomp/types.js';
import { BpfError } from './errors.js';

export interface Rule {
  readonly when: readonly ArgCompare[];
  readonly value: number;
}

export interface Rules {
  /** Conditional rules, first match wins; empty when the syscall is unconditional. */
  readonly rules: readonly Rule[];
  /** The return value when no rule applies. */
  readonly fallback: number;
}

const U32 = 0xffffffffn;
const U64 = (1n << 64n) - 1n;
const OPS = new Set(['NE', 'LT', 'LE', 'EQ', 'GE', 'GT', 'MASKED_EQ']);

export const high = (v: bigint) => Number((v >> 32n) & U32);
export const low = (v: bigint) => Number(v & U32);

/** True or false when the comparison's outcome does not depend on the argument; undefined otherwise. */
export function fold(c: ArgCompare, narrow: boolean): boolean | undefined {
  const max = narrow ? U32 : U64;
  switch (c.op) {
    case 'EQ': return c.value > max ? false : undefined;
    case 'NE': return c.value > max ? true : undefined;
    case 'GT': return c.value >= max ? false : undefined;
    case 'LE': return c.value >= max ? true : undefined;
    case 'GE': return c.value === 0n ? true : c.value > max ? false : undefined;
    case 'LT': return c.value === 0n ? false : c.value > max ? true : undefined;
    case 'MASKED_EQ': {
      const mask = c.value & max;
      if ((c.valueTwo & ~mask) !== 0n) return false;
      return mask === 0n ? true : undefined;
    }
  }
}

function validate(name: string, c: ArgCompare): void {
  const bad = (what: string) => new BpfError(`syscall "${name}": argument comparison ${what}`);
  if (!Number.isInteger(c.index) || c.index < 0 || c.index > 5) throw bad(`names argument ${c.index}; arguments are 0 to 5`);
  if (!OPS.has(c.op)) throw bad(`uses unknown operator "${c.op}"`);
  for (const v of [c.value, c.valueTwo])
    if (typeof v !== 'bigint' || v < 0n || v > U64) throw bad(`has value ${String(v)}, outside 0 to 2^64-1`);
}

/**
 * `narrow`: the architecture's arguments are 32 bits wide (i386), so the
 * kernel zero-extends them and their high half is known to be 0.
 */
export function simplify(name: string, rules: readonly SyscallRule[], defaultAction: Action, narrow: boolean): Rules {
  const kept: Rule[] = [];
  let fallback = actionValue(defaultAction);
  for (const rule of rules) {
    rule.when.forEach((c) => validate(name, c));
    const folded = rule.when.map((c) => fold(c, narrow));
    if (folded.includes(false)) continue;
    const when = rule.when.filter((_, i) => folded[i] === undefined);
    const value = actionValue(rule.action);
    if (when.length === 0) {
      fallback = value;
      break;
    }
    kept.push({ when, value });
  }
  while (kept.length > 0 && kept[kept.length - 1]!.value === fallback) kept.pop();
  return { rules: kept, fallback };
}
