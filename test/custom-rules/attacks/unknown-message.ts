// @ts-nocheck: hostile code, written to get past the type checker as well
// Reports a message id it does not declare (another rule's). Outcome: an
// error for this rule: unknown message id.
import { defineRule } from 'caplint';

export default defineRule({
  id: 'attack/unknown-message',
  meta: {
    severity: 'low', appliesTo: ['oci'], title: 'attack unknown-message', description: 'An attack on the rule boundary.',
    messages: { result: '{{subject}}: {{result}}.' }, rationale: 'Attack.', remediation: 'None.', references: ['test/custom-rules'],
  },
  check(subject, ctx) {
    ctx.report('granted', { cap: 'CAP_SYS_ADMIN', set: 'bounding' });
  },
});
