/** One shape for the three cgroup limit rules. */
import { defineRule } from '../rule-api.js';
import type { RuleDefinition } from '../rule-api.js';
import type { Severity } from './finding.js';
import type { Limits } from './subject.js';
import { isUnknown } from './subject.js';

export interface LimitRuleSpec {
  readonly limit: keyof Limits;
  readonly severity: Severity;
  readonly title: string;
  readonly what: string;
  readonly why: string;
  readonly remediation: string;
  readonly references: readonly string[];
  /** What the policy's `max` bounds, for the options schema. */
  readonly bound: string;
  /** How an amount prints in messages. */
  readonly show: (amount: number) => string;
}

export function limitRule(spec: LimitRuleSpec): RuleDefinition {
  return defineRule({
    id: `cgroups/${spec.limit}-limit`,
    meta: {
      severity: spec.severity,
      appliesTo: ['oci', 'kubernetes', 'compose', 'docker', 'process'],
      title: spec.title,
      description: `${spec.why} For a live process, the tightest limit of its cgroup and its ancestors counts.`,
      messages: {
        missing: `{{subject}} has no ${spec.what}.`,
        unknown: `{{subject}}'s ${spec.what} could not be read ({{reason}}).`,
        above: `{{subject}}'s ${spec.what} is {{value}}, above the policy's bound of {{max}}.`,
      },
      rationale: spec.why,
      remediation: spec.remediation,
      references: spec.references,
      options: {
        type: 'object',
        properties: { max: { type: 'number', exclusiveMinimum: 0, description: spec.bound } },
        additionalProperties: false,
      },
      defaultOptions: {},
    },
    check(subject, ctx) {
      const value = subject.limits[spec.limit];
      if (isUnknown(value)) ctx.report('unknown', { reason: value.reason }, `limits.${spec.limit}`, { severity: 'low' });
      else if (value === null) ctx.report('missing', {}, `limits.${spec.limit}`);
      else {
        const max = ctx.options.max as number | undefined;
        const amount = typeof value === 'number' ? value : value.quota / value.period;
        if (max !== undefined && amount > max) ctx.report('above', { value: spec.show(amount), max: spec.show(max) }, `limits.${spec.limit}`);
      }
    },
  });
}
