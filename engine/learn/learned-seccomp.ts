/**
 * The learned seccomp profile as a small model: the architectures seen, the
 * calls allowed (a name, with the base profile's argument conditions where
 * it had them, narrowed to the values seen when a condition is a plain
 * comparison of one argument), and the base's errno answers other than its
 * default kept as they were (clone3's ENOSYS makes libc fall back to clone).
 */
import type { Action, Arch, ArgCompare, ArchTable, DecisionTable } from '../seccomp/types.js';
import { compareHolds } from '../seccomp/decide.js';
import type { ObservedCall } from './observed.js';

export interface LearnedRule {
  readonly name: string;
  /** ANDed; empty: always allowed. */
  readonly args: readonly ArgCompare[];
}

export interface LearnedSeccomp {
  readonly native: Arch;
  readonly arches: readonly Arch[];
  readonly defaultAction: Action;
  readonly allow: readonly LearnedRule[];
  readonly errno: readonly { readonly name: string; readonly errno: number }[];
}

const passes = (action: Action) => action.kind === 'allow' || action.kind === 'log';
export const ruleKey = (r: LearnedRule) => `${r.name}(${r.args.map((c) => `${c.index}${c.op}${c.value}:${c.valueTwo}`).join('&')})`;

function narrowed(when: readonly ArgCompare[], args: readonly (bigint | null)[], arch: Arch): ArgCompare[] {
  const only = when.length === 1 ? when[0]! : undefined;
  const seen = only ? args[only.index] : null;
  if (!only || only.op === 'MASKED_EQ' || seen === null || seen === undefined) return [...when];
  return [{ index: only.index, op: 'EQ', value: arch === 'i386' ? BigInt.asUintN(32, seen) : seen, valueTwo: 0n }];
}

/** The rules one allowed call needs under the base's table for its architecture. */
function rulesFor(call: ObservedCall, table: ArchTable | undefined): LearnedRule[] {
  const entry = table?.syscalls.find((s) => s.nr === call.nr);
  if (!entry || entry.rules.some((r) => r.when.length === 0)) return [{ name: call.name, args: [] }];
  if (call.overflow) return entry.rules.filter((r) => passes(r.action)).map((r) => ({ name: call.name, args: [...r.when] }));
  const arg = (i: number) => BigInt.asUintN(call.arch === 'i386' ? 32 : 64, call.args[i] ?? 0n);
  const rule = entry.rules.find((r) => r.when.every((c) => compareHolds(c, arg(c.index))));
  // Allowed by the base's default past its argument rules: no one condition describes it.
  if (!rule || !passes(rule.action)) return [{ name: call.name, args: [] }];
  return [{ name: call.name, args: narrowed(rule.when, call.args, call.arch) }];
}

/** Unconditional errno answers of the base that differ from its default (per name, first wins). */
function keptErrnos(base: DecisionTable): { name: string; errno: number }[] {
  const out = new Map<string, number>();
  for (const t of base.arches) {
    for (const s of t.syscalls) {
      const only = s.rules.length === 1 && s.rules[0]!.when.length === 0 ? s.rules[0]!.action : undefined;
      const def = t.defaultAction;
      if (only?.kind === 'errno' && !(def.kind === 'errno' && def.errno === only.errno) && !out.has(s.name)) out.set(s.name, only.errno);
    }
  }
  return [...out].map(([name, errno]) => ({ name, errno }));
}

export function learnSeccomp(calls: readonly ObservedCall[], base: DecisionTable): LearnedSeccomp {
  const native = base.arches[0]!.arch;
  const rules: LearnedRule[] = [];
  for (const call of calls) if (!call.denied) rules.push(...rulesFor(call, base.arches.find((t) => t.arch === call.arch)));
  const seen = new Set(calls.map((c) => c.arch));
  return {
    native,
    arches: [native, ...base.arches.map((t) => t.arch).filter((a) => a !== native && seen.has(a))],
    defaultAction: base.arches[0]!.defaultAction,
    allow: tidy(rules),
    errno: keptErrnos(base),
  };
}

/** Distinct rules, sorted; conditional rules of a name that is also allowed unconditionally are dropped. */
export function tidy(rules: readonly LearnedRule[]): LearnedRule[] {
  const always = new Set(rules.filter((r) => r.args.length === 0).map((r) => r.name));
  const byKey = new Map(rules.filter((r) => r.args.length === 0 || !always.has(r.name)).map((r) => [ruleKey(r), r]));
  return [...byKey.values()].sort((a, b) => ruleKey(a).localeCompare(ruleKey(b)));
}

/** The union of two learned profiles (for --merge). */
export function mergeSeccomp(a: LearnedSeccomp, b: LearnedSeccomp): LearnedSeccomp {
  const errno = new Map(a.errno.map((e) => [e.name, e.errno]));
  for (const e of b.errno) if (!errno.has(e.name)) errno.set(e.name, e.errno);
  return {
    native: a.native,
    arches: [...new Set([...a.arches, ...b.arches])],
    defaultAction: a.defaultAction,
    allow: tidy([...a.allow, ...b.allow]),
    errno: [...errno].map(([name, n]) => ({ name, errno: n })),
  };
}

/**
 * Names the base let through (on any of its architectures) that the run did
 * not use, with the base's own forbidden names: the learned profile forbids
 * them, so `audit --policy` reports a config whose filter allows one.
 */
export function unusedSyscalls(base: DecisionTable, learned: LearnedSeccomp, baseForbidden: readonly string[], namesOf: (arch: Arch) => readonly string[]): string[] {
  const used = new Set(learned.allow.map((r) => r.name));
  const out = new Set(baseForbidden);
  for (const t of base.arches) {
    const names = passes(t.defaultAction) ? namesOf(t.arch) : t.syscalls.filter((s) => s.rules.some((r) => passes(r.action))).map((s) => s.name);
    for (const name of names) if (!used.has(name)) out.add(name);
  }
  return [...out].sort();
}
