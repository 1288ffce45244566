// @ts-nocheck: hostile code, written to get past the type checker as well
// A regular expression with catastrophic backtracking. Outcome: stopped by the
// time limit, or by the audit process's deadline, and switched off.
import { defineRule } from 'caplint';

export default defineRule({
  id: 'attack/regexp-backtrack',
  meta: {
    severity: 'low', appliesTo: ['oci'], title: 'attack regexp-backtrack', description: 'An attack on the rule boundary.',
    messages: { result: '{{subject}}: {{result}}.' }, rationale: 'Attack.', remediation: 'None.', references: ['test/custom-rules'],
  },
  check(subject, ctx) {
    const hit = /^(a+)+$/.test('a'.repeat(40) + 'b');
    ctx.report('result', { result: String(hit) });
  },
});
