// @ts-nocheck: hostile code, written to get past the type checker as well
// `<any>globalThis`: a type assertion around a forbidden name. Outcome: rejected before it runs.
import { defineRule } from 'caplint';
const g = (<any>globalThis).process;

export default defineRule({
  id: 'attack/cast-global',
  meta: {
    severity: 'low', appliesTo: ['oci'], title: 'attack cast-global', description: 'An attack on the rule boundary.',
    messages: { result: '{{subject}}: {{result}}.' }, rationale: 'Attack.', remediation: 'None.', references: ['test/custom-rules'],
  },
  check(subject, ctx) {
    ctx.report('result', { result: 'ran' });
  },
});
