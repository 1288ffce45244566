import { pssRule } from '../../engine/policy/pss-rule.js';

export default pssRule({
  id: 'pss/run-as-non-root',
  psaCheck: 'runAsNonRoot',
  level: 'restricted',
  control: 'Running as Non-root',
  severity: 'medium',
  title: 'Containers must run as non-root',
  description: 'runAsNonRoot must be true at pod level or in every container, and false nowhere. Since 1.35, pods with hostUsers: false are exempt.',
  messages: {
    pod: '{{workload}} sets the pod\'s runAsNonRoot: false.',
    container: '{{subject}} sets runAsNonRoot: false.',
    unset: '{{subject}} does not set runAsNonRoot: true, and neither does its pod.',
  },
  rationale: 'Without runAsNonRoot the kubelet starts the image\'s user, root in most images.',
  remediation: 'Set securityContext.runAsNonRoot: true at pod level, and a non-zero runAsUser or a USER in the image.',
  check(f, report) {
    if (f.hostUsers === false) return;
    if (f.primary && f.pod.runAsNonRoot === false) report('pod', {}, 'pss.pod.runAsNonRoot');
    const own = f.containerLevel.runAsNonRoot;
    if (own === false) report('container', {}, 'pss.container.runAsNonRoot');
    else if (own === undefined && f.pod.runAsNonRoot !== true) report('unset', {}, 'pss.container.runAsNonRoot');
  },
});
