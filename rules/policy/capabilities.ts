import { defineRule } from '../../engine/rule-api.js';
import { capabilityHolders, listWords } from '../../engine/model/query.js';
import { DANGEROUS_CAPABILITIES } from '../../engine/linux/dangerous-capabilities.js';
import { severityRank } from '../../engine/model/finding.js';
import type { Severity } from '../../engine/model/finding.js';

export default defineRule({
  id: 'policy/capabilities',
  meta: {
    severity: 'medium',
    appliesTo: ['oci', 'kubernetes', 'compose', 'docker', 'process'],
    title: 'Only the capabilities the policy allows are held',
    description: 'Reports, once per container or process, every capability it holds in any set that the profile\'s `capabilities.allow` does not list: exactly what `caplint run --profile` with the same profile drops. Active when the policy lists allowed capabilities.',
    messages: { extra: '{{subject}} holds {{caps}}, which the policy does not allow.' },
    rationale: 'The profile is the reviewed statement of what this workload may do; anything beyond it was granted without review.',
    remediation: 'Drop {{caps}} (OCI: remove them from process.capabilities; Kubernetes: capabilities.drop), or add them to the profile\'s capabilities.allow with a reason.',
    references: ['man 7 capabilities', 'caplint profiles (profiles/schemas/profile.schema.json)'],
    options: {
      type: 'object',
      properties: { allow: { type: 'array', items: { type: 'string', pattern: '^CAP_[A-Z0-9_]+$' } } },
      additionalProperties: false,
    },
    defaultOptions: {},
  },
  check(subject, ctx) {
    const allow = ctx.options.allow as readonly string[] | undefined;
    if (!allow) return;
    const extra: string[] = [];
    let severity: Severity = 'medium';
    let at = 'capabilities.bounding';
    for (const [cap, sets] of capabilityHolders(subject)) {
      if (allow.includes(cap)) continue;
      if (extra.length === 0) at = `capabilities.${sets.includes('bounding') ? 'bounding' : sets[0]}/${cap}`;
      extra.push(cap);
      const risk = DANGEROUS_CAPABILITIES.get(cap)?.severity;
      if (risk && severityRank(risk) > severityRank(severity)) severity = risk === 'critical' ? 'high' : risk;
    }
    if (extra.length) ctx.report('extra', { caps: listWords(extra) }, at, { severity });
  },
});
