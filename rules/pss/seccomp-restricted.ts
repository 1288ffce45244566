import { isWindows, pssRule } from '../../engine/policy/pss-rule.js';

const good = (type: string) => type === 'RuntimeDefault' || type === 'Localhost';

export default pssRule({
  id: 'pss/seccomp-restricted',
  psaCheck: 'seccompProfile_restricted',
  level: 'restricted',
  control: 'Seccomp',
  severity: 'high',
  title: 'A seccomp profile is explicitly set',
  description: 'seccompProfile.type must be RuntimeDefault or Localhost, set at pod level or in every container; Unconfined is forbidden anywhere. Windows pods are exempt.',
  messages: {
    pod: '{{workload}} sets the pod\'s seccompProfile.type to "{{value}}".',
    container: '{{subject}} sets seccompProfile.type to "{{value}}".',
    unset: '{{subject}} sets no seccompProfile, and neither does its pod (Kubernetes then runs it Unconfined).',
  },
  rationale: 'Kubernetes runs containers without seccomp unless a profile is set, which leaves the whole kernel reachable.',
  remediation: 'Set securityContext.seccompProfile.type: RuntimeDefault at pod level.',
  check(f, report) {
    if (isWindows(f)) return;
    const pod = f.pod.seccompType;
    if (f.primary && pod !== undefined && !good(pod)) report('pod', { value: pod }, 'pss.pod.seccompProfile');
    const own = f.containerLevel.seccompType;
    if (own !== undefined && !good(own)) report('container', { value: own }, 'pss.container.seccompProfile');
    else if (own === undefined && !(pod !== undefined && good(pod))) report('unset', {}, 'pss.container.seccompProfile');
  },
});
