/**
 * The rules an audit runs: the policy's selection of built-in rules (the
 * `default` policy unless one is named) and, when rule files are given, the
 * custom ones (TypeScript and the rule host only then), options merged over
 * defaults; a policy may set a custom rule's severity, options, or turn it off.
 */
import type { InputError } from '../model/finding.js';
import type { RuleDefinition } from '../rule-api.js';
import type { ActiveRule } from '../runner/run-rules.js';
import type { Boundary } from '../custom-rules/boundary.js';
import { DEFAULT_POLICY, loadPolicy } from '../policy/load-policy.js';

export interface RuleSet {
  /** Every rule known to this run (built-in and custom), for settings that name them. */
  readonly all: RuleDefinition[];
  readonly rules: ActiveRule[];
  readonly errors: InputError[];
  /** The policy's title, for reports. */
  readonly policy: string;
  /** What confined the custom rules, when any ran. */
  readonly boundary?: Boundary;
  /** Ends the rule host, if one was started. */
  close(): void;
}

export async function activeRules(ruleFiles: readonly string[] = [], cwd = process.cwd(), policyName = DEFAULT_POLICY): Promise<RuleSet> {
  const { BUILTIN_RULES } = await import('../../rules/index.js');
  const errors: InputError[] = [];
  let custom: Awaited<ReturnType<typeof import('../custom-rules/load.js').loadCustomRules>> | undefined;
  if (ruleFiles.length) {
    const { loadCustomRules } = await import('../custom-rules/load.js');
    custom = await loadCustomRules(ruleFiles, cwd, new Set(BUILTIN_RULES.map((r) => r.id)));
    errors.push(...custom.errors);
  }
  const extra = custom?.rules ?? [];
  try {
    const policy = await loadPolicy(policyName, cwd, extra);
    const present = new Set(policy.rules.map((r) => r.rule.id));
    const off = new Set(policy.profile.settings.filter((s) => s.value === 'off' || (typeof s.value === 'object' && s.value.severity === 'off')).map((s) => s.key));
    const rules = [...policy.rules, ...extra.filter((r) => !present.has(r.id) && !off.has(r.id)).map((rule) => ({ rule, options: { ...(rule.meta.defaultOptions ?? {}) } }))];
    return {
      all: [...BUILTIN_RULES, ...extra], rules, errors, policy: policy.title, close: () => custom?.close(),
      ...(custom?.boundary ? { boundary: custom.boundary } : {}),
    };
  } catch (error) {
    custom?.close();
    throw error;
  }
}
