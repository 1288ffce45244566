import { defineRule } from '../../engine/rule-api.js';
import { isUnknown } from '../../engine/model/subject.js';

export default defineRule({
  id: 'privileges/no-new-privileges',
  meta: {
    severity: 'high',
    appliesTo: ['oci', 'kubernetes', 'compose', 'docker', 'process'],
    title: 'no_new_privs is set',
    description: 'With no_new_privs, execve cannot grant privileges: setuid and setgid bits and file capabilities are ignored. Without it, a setuid binary in the image (su, sudo, ping on older images) hands out root or capabilities.',
    messages: {
      off: '{{subject}} does not set no_new_privs.',
      unknown: '{{subject}}\'s no_new_privs could not be read ({{reason}}).',
    },
    rationale: 'Without no_new_privs, privilege escalation inside the container is one setuid binary away.',
    remediation: 'Set process.noNewPrivileges: true (Kubernetes: allowPrivilegeEscalation: false; Docker: --security-opt no-new-privileges).',
    references: ['man 2 prctl (PR_SET_NO_NEW_PRIVS)', 'CIS Docker Benchmark 5.25'],
  },
  check(subject, ctx) {
    const nnp = subject.noNewPrivileges;
    if (isUnknown(nnp)) ctx.report('unknown', { reason: nnp.reason }, 'noNewPrivileges', { severity: 'medium' });
    else if (!nnp) ctx.report('off', {}, 'noNewPrivileges');
  },
});
