import { defineRule } from '../../engine/rule-api.js';

export default defineRule({
  id: 'seccomp/required',
  meta: {
    severity: 'high',
    appliesTo: ['oci', 'kubernetes', 'compose', 'docker', 'process'],
    title: 'A seccomp filter confines the container',
    description: 'Without a seccomp filter every syscall of the host kernel is reachable from the container, including the ones that are not namespace-aware (keyctl, bpf, kexec_load, ...) and the ones behind most kernel exploits.',
    messages: {
      none: '{{subject}} runs without a seccomp filter.',
      unconfined: '{{subject}} asks for seccomp to be unconfined.',
      implicit: '{{subject}} runs without a seccomp filter: {{reason}}.',
      unknown: '{{subject}}\'s seccomp state could not be read ({{reason}}), so it is not known to be filtered.',
    },
    rationale: 'seccomp is the only one of the four facilities that shrinks the kernel surface a compromised process can reach.',
    remediation: 'Set a seccomp profile: the runtime default, or caplint\'s (`caplint seccomp explain default`).',
    references: ['man 2 seccomp', 'CIS Docker Benchmark 5.21', 'https://docs.docker.com/engine/security/seccomp/'],
  },
  check(subject, ctx) {
    const { seccomp } = subject;
    if (seccomp.mode === 'disabled') ctx.report('none', {}, 'seccomp');
    else if (seccomp.mode === 'unconfined' && seccomp.implicit) ctx.report('implicit', { reason: seccomp.implicit }, 'seccomp');
    else if (seccomp.mode === 'unconfined') ctx.report('unconfined', {}, 'seccomp');
    else if (seccomp.mode === 'unknown') ctx.report('unknown', { reason: seccomp.reason }, 'seccomp', { severity: 'medium' });
  },
});
