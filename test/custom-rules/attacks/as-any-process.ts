// @ts-nocheck: hostile code, written to get past the type checker as well
// `process as any`. Outcome: rejected before it runs.
import { defineRule } from 'caplint';
const p = (process as any).pid;

export default defineRule({
  id: 'attack/as-any-process',
  meta: {
    severity: 'low', appliesTo: ['oci'], title: 'attack as-any-process', description: 'An attack on the rule boundary.',
    messages: { result: '{{subject}}: {{result}}.' }, rationale: 'Attack.', remediation: 'None.', references: ['test/custom-rules'],
  },
  check(subject, ctx) {
    ctx.report('result', { result: 'ran' });
  },
});
