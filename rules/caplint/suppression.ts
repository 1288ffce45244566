import { defineRule } from '../../engine/rule-api.js';
import { matchesRule, parseSuppressions } from '../../engine/runner/suppressions.js';

export default defineRule({
  id: 'caplint/suppression',
  meta: {
    severity: 'medium',
    appliesTo: ['oci', 'kubernetes', 'compose', 'docker', 'process'],
    os: ['linux', 'windows', 'other'],
    title: 'Suppressions name known rules and give a reason',
    description: 'A `caplint.dev/ignore` annotation (compose: label or x-caplint) holds one or more entries, separated by line breaks or `;`, each `<rule-id>[,<rule-id>]: <reason>`. An entry without a reason does not apply; rule ids that name no rule are reported so a typo does not silently keep a finding.',
    messages: {
      noReason: '{{subject}}\'s suppression {{key}} entry "{{entry}}" gives no reason, so it does not apply.',
      noRules: '{{subject}}\'s suppression {{key}} names no rule.',
      unknown: '{{subject}}\'s suppression {{key}} names "{{rule}}", which is not a rule.',
    },
    rationale: 'A suppression is a reviewed exception: without a reason nobody can review it later, and a misspelt rule id suppresses nothing.',
    remediation: 'Write each entry as `<rule-id>[,<rule-id>]: <why this is acceptable>`, one per line or separated by `;`; `caplint rules` lists the ids.',
    references: ['caplint rules'],
    defaultOptions: { knownRules: [] },
  },
  check(subject, ctx) {
    const known = (ctx.options.knownRules as readonly string[] | undefined) ?? [];
    for (const s of parseSuppressions(subject.annotations)) {
      const at = `annotations/${s.key}`;
      if (s.ids.length === 0) ctx.report('noRules', { key: s.key }, at);
      else if (s.reason === '') ctx.report('noReason', { key: s.key, entry: s.entry }, at);
      for (const rule of s.ids) if (!known.some((id) => matchesRule(rule, id))) ctx.report('unknown', { key: s.key, rule }, at);
    }
  },
});
