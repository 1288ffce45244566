import { pssRule } from '../../engine/policy/pss-rule.js';

export default pssRule({
  id: 'pss/run-as-user',
  psaCheck: 'runAsUser',
  level: 'restricted',
  control: 'Running as Non-root user',
  severity: 'medium',
  title: 'Containers do not set runAsUser to 0',
  description: 'runAsUser must not be 0 at pod or container level. Since 1.35, pods with hostUsers: false are exempt.',
  messages: {
    pod: '{{workload}} sets the pod\'s runAsUser: 0.',
    container: '{{subject}} sets runAsUser: 0.',
  },
  rationale: 'uid 0 without a user namespace is the node\'s root.',
  remediation: 'Set runAsUser to a non-zero uid.',
  check(f, report) {
    if (f.hostUsers === false) return;
    if (f.primary && f.pod.runAsUser === 0) report('pod', {}, 'pss.pod.runAsUser');
    if (f.containerLevel.runAsUser === 0) report('container', {}, 'pss.container.runAsUser');
  },
});
