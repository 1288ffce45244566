/**
 * The rules an audit runs: the built-in ones and, when rule files are given,
 * the custom ones (TypeScript loaded only then), options merged over defaults.
 */
import type { InputError } from '../model/finding.js';
import type { RuleDefinition } from '../rule-api.js';
import type { ActiveRule } from '../runner/run-rules.js';

export interface RuleSet {
  readonly rules: ActiveRule[];
  readonly errors: InputError[];
}

export async function activeRules(ruleFiles: readonly string[] = [], cwd = process.cwd()): Promise<RuleSet> {
  const { BUILTIN_RULES } = await import('../../rules/index.js');
  const all: RuleDefinition[] = [...BUILTIN_RULES];
  const errors: InputError[] = [];
  if (ruleFiles.length) {
    const { loadCustomRules } = await import('../custom-rules/load.js');
    const custom = loadCustomRules(ruleFiles, cwd, new Set(all.map((r) => r.id)));
    all.push(...custom.rules);
    errors.push(...custom.errors);
  }
  return { rules: all.map((rule) => ({ rule, options: { ...(rule.meta.defaultOptions ?? {}) } })), errors };
}
