/**
 * Rule settings (`"rule-id" | "group/*" | "*": off | on | severity`) applied
 * over a rule set in order; a key that names no rule is an error with a
 * did-you-mean.
 */
import type { Severity } from '../model/finding.js';
import type { ActiveRule } from '../runner/run-rules.js';
import type { RuleDefinition } from '../rule-api.js';
import { globToRegExp } from './glob.js';
import { didYouMean } from '../linux/suggest.js';

export type RuleSetting = 'off' | 'on' | Severity;

export interface SettingProblem {
  readonly key: string;
  readonly message: string;
}

/** Every known rule, and which are active: apply settings in order. */
export function applyRuleSettings(
  all: readonly RuleDefinition[], active: readonly ActiveRule[], settings: Readonly<Record<string, string>>,
): { rules: ActiveRule[]; problems: SettingProblem[] } {
  const byId = new Map(active.map((a) => [a.rule.id, a] as const));
  const problems: SettingProblem[] = [];
  for (const [key, value] of Object.entries(settings)) {
    const pattern = key.includes('*') ? globToRegExp(key) : undefined;
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
        byId.set(rule.id, { rule, options: previous?.options ?? { ...(rule.meta.defaultOptions ?? {}) }, ...(severity ? { severity } : {}) });
      }
    }
  }
  const order = new Map(all.map((r, i) => [r.id, i]));
  return { rules: [...byId.values()].sort((a, b) => order.get(a.rule.id)! - order.get(b.rule.id)!), problems };
}
