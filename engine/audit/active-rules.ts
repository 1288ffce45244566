/**
 * The rules an audit runs: the policy's selection of built-in rules (the
 * `default` policy unless one is named) and, when rule files are given, the
 * custom ones (TypeScript loaded only then), options merged over defaults.
 */
import type { InputError } from '../model/finding.js';
import type { RuleDefinition } from '../rule-api.js';
import type { ActiveRule } from '../runner/run-rules.js';
import { DEFAULT_POLICY, loadPolicy } from '../policy/load-policy.js';

export interface RuleSet {
  /** Every rule known to this run (built-in and custom), for settings that name them. */
  readonly all: RuleDefinition[];
  readonly rules: ActiveRule[];
  readonly errors: InputError[];
  /** The policy's title, for reports. */
  readonly policy: string;
}

export async function activeRules(ruleFiles: readonly string[] = [], cwd = process.cwd(), policyName = DEFAULT_POLICY): Promise<RuleSet> {
  const { BUILTIN_RULES } = await import('../../rules/index.js');
  const policy = await loadPolicy(policyName, cwd);
  const all: RuleDefinition[] = [...BUILTIN_RULES];
  const rules = [...policy.rules];
  const errors: InputError[] = [];
  if (ruleFiles.length) {
    const { loadCustomRules } = await import('../custom-rules/load.js');
    const custom = await loadCustomRules(ruleFiles, cwd, new Set(all.map((r) => r.id)));
    all.push(...custom.rules);
    rules.push(...custom.rules.map((rule) => ({ rule, options: { ...(rule.meta.defaultOptions ?? {}) } })));
    errors.push(...custom.errors);
  }
  return { all, rules, errors, policy: policy.title };
}
