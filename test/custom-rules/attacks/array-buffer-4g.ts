// @ts-nocheck: hostile code, written to get past the type checker as well
// Allocates a 4 GiB ArrayBuffer. Outcome: the host's RLIMIT_AS refuses it at
// once ("Array buffer allocation failed"): the rule's own error.
import { defineRule } from 'caplint';

export default defineRule({
  id: 'attack/array-buffer-4g',
  meta: {
    severity: 'low', appliesTo: ['oci'], title: 'attack array-buffer-4g', description: 'An attack on the rule boundary.',
    messages: { result: '{{subject}}: {{result}}.' }, rationale: 'Attack.', remediation: 'None.', references: ['test/custom-rules'],
  },
  check(subject, ctx) {
    const big = new ArrayBuffer(4 * 1024 ** 3);
    ctx.report('result', { result: String(big.byteLength) });
  },
});
