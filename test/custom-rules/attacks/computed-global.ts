// @ts-nocheck: hostile code, written to get past the type checker as well
// `x['globalThis']`: a computed key that spells a forbidden name. Outcome: rejected before it runs.
import { defineRule } from 'caplint';
const g = ({} as any)['globalThis'];

export default defineRule({
  id: 'attack/computed-global',
  meta: {
    severity: 'low', appliesTo: ['oci'], title: 'attack computed-global', description: 'An attack on the rule boundary.',
    messages: { result: '{{subject}}: {{result}}.' }, rationale: 'Attack.', remediation: 'None.', references: ['test/custom-rules'],
  },
  check(subject, ctx) {
    ctx.report('result', { result: 'ran' });
  },
});
