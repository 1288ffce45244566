import { pssRule } from '../../engine/policy/pss-rule.js';

const good = (type: string) => type === 'RuntimeDefault' || type === 'Localhost';

export default pssRule({
  id: 'pss/seccomp-baseline',
  psaCheck: 'seccompProfile_baseline',
  level: 'baseline',
  control: 'Seccomp',
  severity: 'high',
  title: 'Seccomp is not explicitly disabled',
  description: 'seccompProfile.type, at pod or container level, must not be Unconfined (compose and docker: seccomp=unconfined).',
  messages: {
    pod: '{{workload}} sets the pod\'s seccompProfile.type to "{{value}}".',
    container: '{{subject}} sets seccompProfile.type to "{{value}}".',
  },
  rationale: 'Without seccomp every syscall of the node\'s kernel is reachable, including those behind most container escapes.',
  remediation: 'Set seccompProfile.type to RuntimeDefault (or Localhost with a reviewed profile).',
  check(f, report) {
    if (f.primary && f.pod.seccompType !== undefined && !good(f.pod.seccompType)) report('pod', { value: f.pod.seccompType }, 'pss.pod.seccompProfile');
    const own = f.containerLevel.seccompType;
    if (own !== undefined && !good(own)) report('container', { value: own }, 'pss.container.seccompProfile');
  },
});
