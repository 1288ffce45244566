/**
 * Rule settings (`"rule-id" | "group/*" | "*": off | on | severity |
 * { severity, options }`) applied over a rule set in order; a key that names
 * no rule is a problem with a did-you-mean.
 */
import type { Severity } from '../model/finding.js';
import type { ActiveRule } from '../runner/run-rules.js';
import type { RuleDefinition } from '../rule-api.js';
import { globToRegExp } from './glob.js';
import { didYouMean } from '../linux/suggest.js';

export type RuleSetting = 'off' | 'on' | Severity;
export type RuleSettingValue = string | { readonly severity?: string; readonly options?: Readonly<Record<string, unknown>> };

export interface SettingProblem {
  readonly key: string;
  readonly message: string;
}

/** Every known rule, and which are active: apply settings in order. */
export function applyRuleSettings(
  all: readonly RuleDefinition[], active: readonly ActiveRule[], settings: Readonly<Record<string, RuleSettingValue>> | readonly (readonly [string, RuleSettingValue])[],
): { rules: ActiveRule[]; problems: SettingProblem[] } {
  const byId = new Map(active.map((a) => [a.rule.id, a] as const));
  const problems: SettingProblem[] = [];
  const entries = Array.isArray(settings) ? settings : Object.entries(settings);
  for (const [key, raw] of entries as (readonly [string, RuleSettingValue])[]) {
    const value = typeof raw === 'string' ? raw : raw.severity ?? 'on';
    const options = typeof raw === 'string' ? undefined : raw.options;
    const pattern = key === '*' ? /^/ : key.includes('*') ? globToRegExp(key) : undefined;
    const matched = all.filter((r) => (pattern ? pattern.test(r.id) : r.id === key));
    if (matched.length === 0) {
      const guess = didYouMean(key, all.map((r) => r.id));
      problems.push({ key, message: `"${key}" names no rule${guess ? ` (did you mean ${guess}?)` : ''}` });
      continue;
    }
    for (const rule of matched) {
      if (value === 'off') byId.delete(rule.id);
      else {
        const previous = byId.get(rule.id);
        const severity = value === 'on' ? previous?.severity : (value as Severity);
        const merged = { ...(rule.meta.defaultOptions ?? {}), ...(previous?.options ?? {}), ...(options ?? {}) };
        byId.set(rule.id, { rule, options: merged, ...(severity ? { severity } : {}) });
      }
    }
  }
  const order = new Map(all.map((r, i) => [r.id, i]));
  return { rules: [...byId.values()].sort((a, b) => order.get(a.rule.id)! - order.get(b.rule.id)!), problems };
}
