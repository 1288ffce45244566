import { pssRule } from '../../engine/policy/pss-rule.js';

export default pssRule({
  id: 'pss/host-ports',
  psaCheck: 'hostPorts',
  level: 'baseline',
  control: 'Host Ports',
  severity: 'medium',
  title: 'No host ports',
  description: 'A hostPort binds a port on the node\'s own interfaces.',
  messages: { hostPort: '{{subject}} uses the host port {{port}}.' },
  rationale: 'Host ports bypass Services and network policies and expose the pod on every address of the node.',
  remediation: 'Remove hostPort {{port}}; expose the container through a Service.',
  check(f, report) {
    f.hostPorts.forEach((port, i) => {
      if (port !== 0) report('hostPort', { port }, `pss.ports/${i}`);
    });
  },
});
