// @ts-nocheck: hostile code, written to get past the type checker as well
// Reports data whose getter never returns. Outcome: read inside the context
// under the time limit: "it ran longer than 250 ms", and the rule is off.
import { defineRule } from 'caplint';

export default defineRule({
  id: 'attack/data-getter-hang',
  meta: {
    severity: 'low', appliesTo: ['oci'], title: 'attack data-getter-hang', description: 'An attack on the rule boundary.',
    messages: { result: '{{subject}}: {{result}}.' }, rationale: 'Attack.', remediation: 'None.', references: ['test/custom-rules'],
  },
  check(subject, ctx) {
    ctx.report('result', { get result() { for (;;) {} } });
  },
});
