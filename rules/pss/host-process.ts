import { pssRule } from '../../engine/policy/pss-rule.js';

export default pssRule({
  id: 'pss/host-process',
  psaCheck: 'windowsHostProcess',
  level: 'baseline',
  control: 'HostProcess',
  severity: 'critical',
  title: 'Windows HostProcess containers are not used',
  description: 'A HostProcess container runs directly on the Windows node, with the node\'s network and filesystem.',
  messages: {
    pod: '{{workload}} sets securityContext.windowsOptions.hostProcess: true.',
    container: '{{subject}} sets securityContext.windowsOptions.hostProcess: true.',
  },
  rationale: 'A HostProcess container is a process on the node, not a container: nothing isolates it.',
  remediation: 'Remove windowsOptions.hostProcess, or run the workload in a namespace exempted from Pod Security for node administration.',
  check(f, report) {
    if (f.primary && f.pod.hostProcess === true) report('pod', {}, 'pss.pod.windowsOptions.hostProcess');
    if (f.containerLevel.hostProcess === true) report('container', {}, 'pss.container.windowsOptions.hostProcess');
  },
});
