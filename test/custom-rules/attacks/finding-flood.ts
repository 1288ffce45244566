// @ts-nocheck: hostile code, written to get past the type checker as well
// Reports a hundred thousand findings on one subject. Outcome: the first
// 1000 are kept and the rule's error says the rest were dropped.
import { defineRule } from 'caplint';

export default defineRule({
  id: 'attack/finding-flood',
  meta: {
    severity: 'low', appliesTo: ['oci'], title: 'attack finding-flood', description: 'An attack on the rule boundary.',
    messages: { result: '{{subject}}: {{result}}.' }, rationale: 'Attack.', remediation: 'None.', references: ['test/custom-rules'],
  },
  check(subject, ctx) {
    for (let i = 0; i < 100_000; i++) ctx.report('result', { result: String(i) });
  },
});
