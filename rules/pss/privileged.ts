import { pssRule } from '../../engine/policy/pss-rule.js';

export default pssRule({
  id: 'pss/privileged',
  psaCheck: 'privileged',
  level: 'baseline',
  control: 'Privileged Containers',
  severity: 'critical',
  title: 'Containers are not privileged',
  description: 'A privileged container gets every capability and device, and no seccomp or LSM confinement.',
  messages: { privileged: '{{subject}} sets securityContext.privileged: true.' },
  rationale: 'A privileged container is root on the node in all but name.',
  remediation: 'Remove privileged: true; grant the one capability or device the workload needs instead.',
  check(f, report) {
    if (f.containerLevel.privileged === true) report('privileged', {}, 'pss.container.privileged');
  },
});
