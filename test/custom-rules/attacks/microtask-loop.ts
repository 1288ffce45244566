// @ts-nocheck: hostile code, written to get past the type checker as well
// Queues promise reactions forever at the top level. Outcome: microtasks run
// inside the load call, under its time limit; the file fails to load.
import { defineRule } from 'caplint';

const spin = (): Promise<void> => Promise.resolve().then(spin);
void spin();

export default defineRule({
  id: 'attack/microtask-loop',
  meta: {
    severity: 'low', appliesTo: ['oci'], title: 'attack microtask-loop', description: 'An attack on the rule boundary.',
    messages: { result: '{{subject}}: {{result}}.' }, rationale: 'Attack.', remediation: 'None.', references: ['test/custom-rules'],
  },
  check(subject, ctx) {
    ctx.report('result', { result: 'never' });
  },
});
