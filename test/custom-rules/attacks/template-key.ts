// @ts-nocheck: hostile code, written to get past the type checker as well
// x[`process`]: a template key that spells a forbidden name. Outcome: rejected before it runs.
import { defineRule } from 'caplint';
const p = ({} as any)[`process`];

export default defineRule({
  id: 'attack/template-key',
  meta: {
    severity: 'low', appliesTo: ['oci'], title: 'attack template-key', description: 'An attack on the rule boundary.',
    messages: { result: '{{subject}}: {{result}}.' }, rationale: 'Attack.', remediation: 'None.', references: ['test/custom-rules'],
  },
  check(subject, ctx) {
    ctx.report('result', { result: 'ran' });
  },
});
