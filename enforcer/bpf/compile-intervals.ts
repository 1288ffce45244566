/**
 * One architecture's syscall numbers as a partition of a number range into
 * intervals with one outcome each: a return value, or the rules of one
 * syscall. Neighbouring intervals with the same return merge, so an
 * allow-list of 350 syscalls becomes a few dozen intervals.
 */
import type { ArchTable } from '../../engine/seccomp/types.js';
import { actionValue } from '../../engine/seccomp/types.js';
import { unknownValue } from '../../engine/seccomp/decide-call.js';
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

/** Numbers must be integers in the ABI's range, sorted, each once. */
export function checkNumbers(table: ArchTable, from: number, to: number): void {
  let previous = -1;
  for (const entry of table.syscalls) {
    if (!Number.isInteger(entry.nr) || entry.nr < from || entry.nr > to)
      throw new BpfError(`${table.arch} syscall "${entry.name}" has number ${entry.nr}, outside ${from} to ${to}`);
    if (entry.nr <= previous) throw new BpfError(`${table.arch} syscall "${entry.name}" (${entry.nr}) is out of order or repeated; the table must be sorted by number`);
    previous = entry.nr;
  }
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
    append(out, { lo, hi, outcome, weight: Math.max(1, count) * scale });
  };
  const gap = (lo: number, hi: number) => {
    add(lo, Math.min(hi, known), { ret: fallback });
    add(Math.max(lo, known + 1), hi, { ret: unknown });
  };
  let cursor = from;
  for (const entry of table.syscalls) {
    if (entry.nr < from || entry.nr > to) continue;
    gap(cursor, entry.nr - 1);
    const rules = simplify(entry.name, entry.rules, table.defaultAction, narrow);
    add(entry.nr, entry.nr, rules.rules.length === 0 ? { ret: rules.fallback } : { rules });
    cursor = entry.nr + 1;
  }
  gap(cursor, to);
  return out;
}

/** Adds an interval after the last one, merging the two when both return the same value. */
function append(out: Interval[], next: Interval): void {
  const prev = out[out.length - 1];
  if (prev && 'ret' in prev.outcome && 'ret' in next.outcome && prev.outcome.ret === next.outcome.ret)
    out[out.length - 1] = { ...prev, hi: next.hi, weight: prev.weight + next.weight };
  else out.push(next);
}

/** Consecutive ranges' intervals as one list. */
export function joined(...parts: readonly Interval[][]): Interval[] {
  const out: Interval[] = [];
  for (const part of parts) for (const iv of part) append(out, iv);
  return out;
}
