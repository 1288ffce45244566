/**
 * One architecture's syscall numbers as a partition of a number range into
 * intervals with one outcome each: a return value, or the rules of one
 * syscall. Neighbouring intervals with the same return merge, so an
 * allow-list of 350 syscalls becomes a few dozen intervals.
 */
import type { ArchTable } from '../../engine/seccomp/types.js';
import { actionValue, RET } from '../../engine/seccomp/types.js';
import type { Rules } from './compile-rules.js';
import { simplify } from './compile-rules.js';
import { BpfError } from './errors.js';

export type Outcome = { readonly ret: number } | { readonly rules: Rules };

export interface Interval {
  readonly lo: number;
  readonly hi: number;
  readonly outcome: Outcome;
  /** How much this interval weighs in the search tree: the known syscall numbers it holds. */
  readonly weight: number;
}

const ENOSYS = 38;
/** Defaults that let an unknown syscall through: ENOSYS would change nothing useful for them. */
const PASSING = new Set(['allow', 'log', 'trace']);

/** The value for numbers above the table's highest known one: ENOSYS so libc falls back, unless the default lets calls through. */
export function unknownValue(table: ArchTable): number {
  return PASSING.has(table.defaultAction.kind) ? actionValue(table.defaultAction) : (RET.ERRNO | ENOSYS) >>> 0;
}

/**
 * The intervals covering [from, to]. Without a table the whole range gets
 * `absent` (the bad-architecture action: x32 numbers when only x86_64 is
 * allowed). `scale` weighs this table against others sharing the tree.
 */
export function intervals(table: ArchTable | undefined, from: number, to: number, absent: number, scale = 1): Interval[] {
  if (!table) return [{ lo: from, hi: to, outcome: { ret: absent }, weight: scale }];
  const narrow = table.arch === 'i386';
  const known = table.highestKnownNr;
  const fallback = actionValue(table.defaultAction);
  const unknown = unknownValue(table);
  const out: Interval[] = [];
  const add = (lo: number, hi: number, outcome: Outcome) => {
    if (lo > hi) return;
    const count = Math.max(0, Math.min(hi, known) - lo + 1);
    const weight = Math.max(1, count) * scale;
    const prev = out[out.length - 1];
    if (prev && 'ret' in prev.outcome && 'ret' in outcome && prev.outcome.ret === outcome.ret)
      out[out.length - 1] = { ...prev, hi, weight: prev.weight + weight };
    else out.push({ lo, hi, outcome, weight });
  };
  const gap = (lo: number, hi: number) => {
    add(lo, Math.min(hi, known), { ret: fallback });
    add(Math.max(lo, known + 1), hi, { ret: unknown });
  };
  let cursor = from;
  for (const entry of table.syscalls) {
    if (!Number.isInteger(entry.nr) || entry.nr < cursor || entry.nr > to)
      throw new BpfError(`${table.arch} syscall "${entry.name}" has number ${entry.nr}, ${entry.nr < cursor && entry.nr >= from ? 'out of order or repeated' : `outside ${from} to ${to}`}`);
    gap(cursor, entry.nr - 1);
    const rules = simplify(entry.name, entry.rules, table.defaultAction, narrow);
    add(entry.nr, entry.nr, rules.rules.length === 0 ? { ret: rules.fallback } : { rules });
    cursor = entry.nr + 1;
  }
  gap(cursor, to);
  return out;
}
