import { pssRule } from '../../engine/policy/pss-rule.js';

export default pssRule({
  id: 'pss/host-probes',
  psaCheck: 'hostProbesAndHostLifecycle',
  level: 'baseline',
  control: 'Host Probes / Lifecycle Hooks',
  severity: 'medium',
  title: 'Probes and lifecycle hooks do not name a host',
  description: 'The host field of httpGet and tcpSocket probes and lifecycle handlers makes the kubelet connect to any address, from the node.',
  messages: { host: '{{subject}} sets {{where}}.host to "{{host}}".' },
  rationale: 'A probe host turns the kubelet into a proxy that reaches addresses on the node\'s network the pod itself cannot.',
  remediation: 'Remove the host field from {{where}}; probes then target the pod\'s own IP.',
  check(f, report) {
    f.probeHosts.forEach((p, i) => report('host', { where: p.where, host: p.host }, `pss.probes/${i}`));
  },
});
