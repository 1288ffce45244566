// @ts-nocheck: hostile code, written to get past the type checker as well
// Allocates 900 MiB and touches every page. Outcome: the audit process sees
// the host pass its memory limit, kills it, names this rule ("it used more
// than 512 MiB"), switches it off and restarts the host for the others.
import { defineRule } from 'caplint';

export default defineRule({
  id: 'attack/memory-fill',
  meta: {
    severity: 'low', appliesTo: ['oci'], title: 'attack memory-fill', description: 'An attack on the rule boundary.',
    messages: { result: '{{subject}}: {{result}}.' }, rationale: 'Attack.', remediation: 'None.', references: ['test/custom-rules'],
  },
  check(subject, ctx) {
    const bytes = new Uint8Array(900 * 1024 * 1024);
    bytes.fill(7);
    ctx.report('result', { result: String(bytes[12345]) });
  },
});
