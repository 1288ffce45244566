import { defineRule } from '../../engine/rule-api.js';
import { known } from '../../engine/model/query.js';

export default defineRule({
  id: 'capabilities/no-inheritable',
  meta: {
    severity: 'medium',
    appliesTo: ['oci', 'process'],
    title: 'No inheritable capabilities',
    description: 'Inheritable capabilities combine with a file\'s inheritable capabilities on execve; a binary carrying them gains the capability even when the user should not have it (CVE-2022-29162, CVE-2022-24769).',
    messages: { inheritable: '{{subject}} holds {{cap}} in its inheritable set.' },
    rationale: 'An inheritable {{cap}} is granted to any executed file that lists it, which turns file capabilities inside the image into privilege.',
    remediation: 'Leave the inheritable set empty; runtimes since 2022 do by default.',
    references: ['man 7 capabilities', 'CVE-2022-24769', 'CVE-2022-29162'],
  },
  check(subject, ctx) {
    for (const cap of known(subject.capabilities.inheritable)) ctx.report('inheritable', { cap }, `capabilities.inheritable/${cap}`);
  },
});
