/**
 * Random profiles for differential tests. caplint's semantics: a syscall's
 * rules are tried in order and the first whose comparisons all hold wins.
 * libseccomp orders overlapping rules its own way (by argument and value,
 * not by insertion), so profiles meant for it keep a syscall's rules
 * mutually exclusive (`compatibleRules`), where both orders agree; the
 * first-match semantics itself is tested against the table with
 * overlapping rules (`anyRules`). No rule's action equals the default
 * (libseccomp refuses those), and one comparison per argument per rule
 * (libseccomp refuses more). Values fit 32 bits when i386 or x32 is
 * tested: libseccomp compares only the low halves there (truncating wider
 * values), caplint compares all 64 bits of the value with the argument the
 * kernel passes, zero-extended on i386 (compile-rules.ts `fold`).
 */
import type { Action, ArgCompare, CompareOp } from '../../engine/seccomp/types.js';
import { actionValue } from '../../engine/seccomp/types.js';
import type { Random } from './random.js';

export interface RuleSpec { readonly action: Action; readonly when: readonly ArgCompare[] }
export interface ProfileSpec {
  readonly defaultAction: Action;
  readonly badArchAction: Action;
  readonly syscalls: readonly { readonly name: string; readonly rules: readonly RuleSpec[] }[];
}

const OPS: readonly CompareOp[] = ['EQ', 'NE', 'LT', 'LE', 'GT', 'GE', 'MASKED_EQ'];
const U32 = 0xffffffffn;

function randomAction(r: Random): Action {
  switch (r.int(0, 7)) {
    case 0: return { kind: 'kill_process' };
    case 1: return { kind: 'kill_thread' };
    case 2: return { kind: 'trap' };
    case 3: return { kind: 'trace', data: r.int(0, 0xffff) };
    case 4: return { kind: 'log' };
    case 5: case 6: return { kind: 'errno', errno: r.chance(0.5) ? r.int(1, 133) : r.int(0, 4094) };
    default: return { kind: 'allow' };
  }
}

/** Values near the edges of the 32- and 64-bit ranges, and random ones. */
export function randomValue(r: Random, narrow: boolean): bigint {
  const edges = [0n, 1n, 2n, 0x7fffffffn, 0x80000000n, U32 - 1n, U32, 0x100000000n, 0x100000001n, 0x8000000000000000n, (1n << 64n) - 1n, (1n << 64n) - 2n];
  const v = r.chance(0.4) ? r.pick(edges) : r.chance(0.5) ? BigInt(r.int(0, 4096)) : r.chance(0.5) ? r.u32() : r.u64();
  return narrow ? v & U32 : v;
}

/**
 * `strict`: valueTwo may have bits outside the mask. caplint then never
 * matches ((arg & mask) == valueTwo cannot hold); libseccomp masks valueTwo
 * first, so profiles meant for it keep valueTwo inside the mask.
 */
function randomCompare(r: Random, index: number, narrow: boolean, strict = false): ArgCompare {
  const op = r.pick(OPS);
  if (op !== 'MASKED_EQ') return { index, op, value: randomValue(r, narrow), valueTwo: 0n };
  const mask = r.chance(0.3) ? BigInt(1) << BigInt(r.int(0, narrow ? 31 : 63)) : randomValue(r, narrow);
  const want = strict && r.chance(0.15) ? randomValue(r, narrow) : mask & randomValue(r, narrow);
  return { index, op, value: mask, valueTwo: want };
}

function otherAction(r: Random, defaultValue: number): Action {
  let action = randomAction(r);
  while (actionValue(action) === defaultValue) action = randomAction(r);
  return action;
}

/**
 * libseccomp-compatible: one rule comparing up to four distinct arguments
 * with any operator, or several rules each `args[0] == v` with values that
 * share their high half (libseccomp 2.5.4 miscompiles rules whose chains
 * test the same argument with different high halves: it reuses an
 * accumulator that holds the other half; the emulator shows it).
 */
function compatibleRules(r: Random, defaultValue: number, narrow: boolean): RuleSpec[] {
  if (r.chance(0.5)) {
    const args = r.shuffle([0, 1, 2, 3, 4, 5]).slice(0, r.int(1, 4));
    return [{ action: otherAction(r, defaultValue), when: args.map((index) => randomCompare(r, index, narrow)) }];
  }
  const hi = narrow || r.chance(0.5) ? 0n : r.u32() << 32n;
  const values = new Set(Array.from({ length: r.int(2, 5) }, () => hi | (randomValue(r, true) & 0xffffffffn)));
  return [...values].map((value) => ({ action: otherAction(r, defaultValue), when: [{ index: 0, op: 'EQ', value, valueTwo: 0n }] }));
}

/** Any rules: overlapping, repeated arguments, unconditional rules anywhere (first match wins). */
function anyRules(r: Random, defaultValue: number, narrow: boolean): RuleSpec[] {
  return Array.from({ length: r.int(1, 5) }, () => ({
    action: r.chance(0.2) ? { kind: 'allow' } as const : otherAction(r, defaultValue),
    when: Array.from({ length: r.int(r.chance(0.1) ? 0 : 1, 3) }, () => randomCompare(r, r.int(0, 5), narrow, true)),
  }));
}

/** `names`: syscall names both caplint and libseccomp number alike on every architecture tested. */
/** `size`: at most this many syscalls (the filter must stay under 4,096 instructions for every architecture together). */
export function randomProfile(r: Random, names: readonly string[], options: { narrow: boolean; overlapping: boolean; size: number }): ProfileSpec {
  const defaultAction = randomAction(r);
  const defaultValue = actionValue(defaultAction);
  const chosen = r.shuffle([...names]).slice(0, r.int(1, Math.min(names.length, r.chance(0.2) ? options.size : options.size / 2)));
  const syscalls = chosen.map((name) => {
    if (r.chance(0.6)) return { name, rules: [{ action: otherAction(r, defaultValue), when: [] }] };
    const rules = options.overlapping ? anyRules(r, defaultValue, options.narrow) : compatibleRules(r, defaultValue, options.narrow);
    return { name, rules };
  });
  return { defaultAction, badArchAction: r.pick<Action>([{ kind: 'kill_process' }, { kind: 'kill_thread' }, { kind: 'trap' }, { kind: 'errno', errno: 1 }]), syscalls };
}
