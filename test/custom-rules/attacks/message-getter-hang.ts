// @ts-nocheck: hostile code, written to get past the type checker as well
// Throws, at the top level, an object whose message getter never returns.
// Outcome: read inside the context under the time limit; the file fails to
// load with "it ran longer than 250 ms", and the audit goes on.
import { defineRule } from 'caplint';

throw { get message() { for (;;) {} } };

export default defineRule({
  id: 'attack/message-getter-hang',
  meta: {
    severity: 'low', appliesTo: ['oci'], title: 'attack message-getter-hang', description: 'An attack on the rule boundary.',
    messages: { result: '{{subject}}: {{result}}.' }, rationale: 'Attack.', remediation: 'None.', references: ['test/custom-rules'],
  },
  check(subject, ctx) {
    ctx.report('result', { result: 'never' });
  },
});
