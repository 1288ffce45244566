import { defineRule } from '../../engine/rule-api.js';
import { subjectProfile } from '../../engine/seccomp/analyse-subject.js';

export default defineRule({
  id: 'seccomp/default-deny',
  meta: {
    severity: 'high',
    appliesTo: ['oci', 'kubernetes', 'compose', 'docker'],
    title: 'The seccomp profile denies by default',
    description: 'A profile whose defaultAction allows is a deny-list: every syscall it does not name, including those added by newer kernels, goes through.',
    messages: { allows: '{{subject}}\'s seccomp profile lets every unlisted syscall through (defaultAction {{action}}).' },
    rationale: 'A deny-list cannot keep up with the kernel: new syscalls (io_uring, new mount API, ...) arrive allowed.',
    remediation: 'Make the profile an allow-list: defaultAction SCMP_ACT_ERRNO with the syscalls the workload needs allowed.',
    references: ['man 2 seccomp', 'OCI runtime-spec config-linux.md#seccomp'],
  },
  check(subject, ctx) {
    const analysis = subjectProfile(subject);
    if (!analysis) return;
    if (analysis.defaultAllows) ctx.report('allows', { action: analysis.defaultAction }, 'seccomp.defaultAction');
  },
});
