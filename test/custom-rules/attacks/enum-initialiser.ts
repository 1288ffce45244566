// @ts-nocheck: hostile code, written to get past the type checker as well
// An enum member initialised with a forbidden name. Outcome: rejected before it runs.
import { defineRule } from 'caplint';
enum Leak { Global = globalThis }

export default defineRule({
  id: 'attack/enum-initialiser',
  meta: {
    severity: 'low', appliesTo: ['oci'], title: 'attack enum-initialiser', description: 'An attack on the rule boundary.',
    messages: { result: '{{subject}}: {{result}}.' }, rationale: 'Attack.', remediation: 'None.', references: ['test/custom-rules'],
  },
  check(subject, ctx) {
    ctx.report('result', { result: 'ran' });
  },
});
