import { defineRule } from '../../engine/rule-api.js';

export default defineRule({
  id: 'lsm/profile',
  meta: {
    severity: 'low',
    appliesTo: ['oci', 'kubernetes', 'compose', 'docker', 'process'],
    title: 'An AppArmor profile or SELinux label confines the container',
    description: 'AppArmor and SELinux add mandatory access control that still holds when capabilities or namespaces fail; runtimes apply a default profile only when the config names one or leaves it to them.',
    messages: {
      none: '{{subject}} names no AppArmor profile and no SELinux label.',
      unconfined: '{{subject}} runs with the AppArmor profile "unconfined".',
    },
    rationale: 'Without an LSM profile, a process that escapes its namespaces meets no second line of defence.',
    remediation: 'Set process.apparmorProfile (e.g. the runtime\'s default profile) or process.selinuxLabel.',
    references: ['https://docs.docker.com/engine/security/apparmor/', 'CIS Docker Benchmark 5.1, 5.2'],
  },
  check(subject, ctx) {
    const { apparmor, selinux } = subject.lsm;
    if (apparmor === 'unconfined') ctx.report('unconfined', {}, 'lsm.apparmor', { severity: 'high' });
    else if (apparmor === null && selinux === null) ctx.report('none', {}, 'lsm.apparmor');
  },
});
