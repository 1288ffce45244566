// @ts-nocheck: hostile code, written to get past the type checker as well
// Throws from check an object whose message getter throws an object whose
// message getter never returns. Outcome: "it threw a value that cannot be
// shown" for this rule only.
import { defineRule } from 'caplint';

export default defineRule({
  id: 'attack/message-getter-throws',
  meta: {
    severity: 'low', appliesTo: ['oci'], title: 'attack message-getter-throws', description: 'An attack on the rule boundary.',
    messages: { result: '{{subject}}: {{result}}.' }, rationale: 'Attack.', remediation: 'None.', references: ['test/custom-rules'],
  },
  check(subject, ctx) {
    throw { get message() { throw { get message() { for (;;) {} } }; } };
  },
});
