// @ts-nocheck: hostile code, written to get past the type checker as well
// Calls defineRule two million times, catching the refusal. Outcome: "the
// file defines more than 100 rules; at most 100 rules per file".
import { defineRule } from 'caplint';

for (let i = 0; i < 2_000_000; i++) {
  try { defineRule({ id: 'attack/flood-' + i, meta: {}, check() {} }); } catch {}
}

export default defineRule({
  id: 'attack/define-rule-flood',
  meta: {
    severity: 'low', appliesTo: ['oci'], title: 'attack define-rule-flood', description: 'An attack on the rule boundary.',
    messages: { result: '{{subject}}: {{result}}.' }, rationale: 'Attack.', remediation: 'None.', references: ['test/custom-rules'],
  },
  check(subject, ctx) {
    ctx.report('result', { result: 'never' });
  },
});
