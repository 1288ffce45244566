// @ts-nocheck: hostile code, written to get past the type checker as well
// Reports with a severity of { toString: 1 } (and data holding an object).
// Outcome: both findings are dropped and named as this rule's error; the
// audit still reports everything else.
import { defineRule } from 'caplint';

export default defineRule({
  id: 'attack/severity-tostring',
  meta: {
    severity: 'low', appliesTo: ['oci'], title: 'attack severity-tostring', description: 'An attack on the rule boundary.',
    messages: { result: '{{subject}}: {{result}}.' }, rationale: 'Attack.', remediation: 'None.', references: ['test/custom-rules'],
  },
  check(subject, ctx) {
    ctx.report('result', { result: 'a' }, undefined, { severity: { toString: 1 } });
    ctx.report('result', { result: { toString: () => 'b' } });
  },
});
