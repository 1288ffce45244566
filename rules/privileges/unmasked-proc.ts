import { defineRule } from '../../engine/rule-api.js';

export default defineRule({
  id: 'privileges/unmasked-proc',
  meta: {
    severity: 'high',
    appliesTo: ['kubernetes', 'compose', 'docker'],
    title: 'The container\'s /proc keeps the runtime\'s masks',
    description: 'Kubernetes `procMount: Unmasked` (compose and docker: `security_opt: systempaths=unconfined`) mounts /proc and /sys without the masked and read-only paths the runtime sets up. '
      + 'High without a user namespace: container root, the host\'s root, can then write /proc/sysrq-trigger and host-wide /proc/sys settings (and, holding CAP_SYS_RAWIO, read host memory through /proc/kcore). '
      + 'Low inside a user namespace (hostUsers: false, userns_mode): those files belong to the host\'s root, whom the user namespace does not map, so the container cannot use them, '
      + 'but it still reads the world-readable entries the masks hide (/proc/timer_list, /proc/sched_debug). Privileged containers are unmasked too; capabilities/no-dangerous and pss/privileged report those.',
    messages: {
      unmasked: '{{subject}} sets {{written}} without a user namespace: /proc and /sys are not masked.',
      unmaskedUserns: '{{subject}} sets {{written}}: /proc and /sys are not masked, though a user namespace keeps their writable parts from the host.',
    },
    rationale: 'The masks are what stop a container from writing /proc/sysrq-trigger (crash or reboot the host), changing host-wide /proc/sys settings, and reading /proc/kcore.',
    remediation: 'Remove {{written}} (Kubernetes keeps procMount: Default); a workload that must see an unmasked /proc (a nested container runtime) belongs in a user namespace.',
    references: [
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/ (/proc Mount Type)',
      'https://docs.docker.com/reference/cli/docker/container/run/#security-opt (systempaths=unconfined)',
      'OCI runtime-spec config-linux.md#masked-paths',
    ],
  },
  check(subject, ctx) {
    const value = subject.podSecurity?.containerLevel.procMount;
    if (value === undefined || value === 'Default') return;
    const written = subject.kind === 'kubernetes' ? `procMount: ${value}` : 'systempaths=unconfined';
    if (subject.namespaces.user.state === 'isolated') ctx.report('unmaskedUserns', { written }, 'pss.container.procMount', { severity: 'low' });
    else ctx.report('unmasked', { written }, 'pss.container.procMount');
  },
});
