/**
 * Per syscall of one architecture: what the compiled filter answers (run in
 * the emulator with arguments 0) and whether the answer depends on the
 * arguments (the table has conditional rules for it). Shared by explain and diff.
 */
import type { ArchTable, ArgCompare } from '../../seccomp/types.js';
import { AUDIT_ARCH, X32_SYSCALL_BIT } from '../../seccomp/types.js';
import { actionText } from '../../seccomp/action-text.js';
import { syscallName } from '../../linux/syscalls/index.js';
import type { Emulator } from '../../../enforcer/bpf/emulate.js';

export interface Verdict {
  readonly name: string;
  readonly nr: number;
  /** The action with arguments 0, as text. */
  readonly action: string;
  /** ALLOW or LOG with arguments 0. */
  readonly allowed: boolean;
  /** Some arguments get ALLOW or LOG (a conditional rule allows, or the call is allowed outright). */
  readonly sometimes: boolean;
  /** Conditional rules, as text, when the answer depends on the arguments. */
  readonly conditions: readonly string[];
}

const PASSING = new Set(['allow', 'log']);
const hex = (v: bigint) => `0x${v.toString(16)}`;

export function conditionText(c: ArgCompare): string {
  const arg = `args[${c.index}]`;
  if (c.op === 'MASKED_EQ') return `${arg} & ${hex(c.value)} == ${hex(c.valueTwo)}`;
  const symbol = { EQ: '==', NE: '!=', LT: '<', LE: '<=', GT: '>', GE: '>=' }[c.op];
  return `${arg} ${symbol} ${hex(c.value)}`;
}

export function verdicts(t: ArchTable, run: Emulator): Verdict[] {
  const entries = new Map(t.syscalls.map((s) => [s.nr, s]));
  const base = t.arch === 'x32' ? X32_SYSCALL_BIT : 0;
  const out: Verdict[] = [];
  for (let nr = base; nr <= t.highestKnownNr; nr++) {
    const name = syscallName(t.arch, nr);
    if (!name) continue;
    const result = run({ arch: AUDIT_ARCH[t.arch], nr, args: [] });
    const rules = entries.get(nr)?.rules ?? [];
    const conditions = rules.some((r) => r.when.length > 0)
      ? rules.map((r) => `${r.when.length ? r.when.map(conditionText).join(' && ') : 'otherwise'} → ${actionText(r.action)}`)
      : [];
    const allowed = PASSING.has(result.action.kind);
    const sometimes = allowed || (conditions.length > 0 && rules.some((r) => PASSING.has(r.action.kind)));
    out.push({ name, nr, action: actionText(result.action), allowed, sometimes, conditions });
  }
  return out;
}
