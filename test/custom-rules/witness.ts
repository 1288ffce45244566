import { defineRule } from 'caplint';
import type { Subject } from 'caplint';

/** A well-behaved rule in another file: its findings must be the same whatever the attack beside it does. */
export default defineRule({
  id: 'witness/seen',
  meta: {
    severity: 'medium',
    appliesTo: ['oci', 'kubernetes', 'compose', 'docker', 'process'],
    title: 'The witness saw the subject',
    description: 'Reports every subject once, with its hostname, so a test can tell its findings were not changed.',
    messages: { seen: '{{subject}} seen with hostname {{hostname}}.' },
    rationale: 'A witness for the adversarial suite.',
    remediation: 'None.',
    references: ['test/custom-rules'],
  },
  check(subject: Subject, ctx) {
    ctx.report('seen', { hostname: String(subject.name) });
  },
});
