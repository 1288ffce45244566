// @ts-nocheck: hostile code, written to get past the type checker as well
// Recurses without end. Outcome: V8's RangeError, as this rule's error.
import { defineRule } from 'caplint';

export default defineRule({
  id: 'attack/stack-overflow',
  meta: {
    severity: 'low', appliesTo: ['oci'], title: 'attack stack-overflow', description: 'An attack on the rule boundary.',
    messages: { result: '{{subject}}: {{result}}.' }, rationale: 'Attack.', remediation: 'None.', references: ['test/custom-rules'],
  },
  check(subject, ctx) {
    const down = (n: number): number => down(n + 1) + 1;
    ctx.report('result', { result: String(down(0)) });
  },
});
