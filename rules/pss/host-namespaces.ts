import { pssRule } from '../../engine/policy/pss-rule.js';

const FIELDS = ['hostNetwork', 'hostPID', 'hostIPC'] as const;

export default pssRule({
  id: 'pss/host-namespaces',
  psaCheck: 'hostNamespaces',
  level: 'baseline',
  control: 'Host Namespaces',
  severity: 'high',
  title: 'The host\'s network, PID and IPC namespaces are not shared',
  description: 'hostNetwork, hostPID and hostIPC put the pod in the node\'s namespaces (compose: network_mode, pid or ipc "host").',
  messages: { shared: '{{workload}} sets {{field}}: true.' },
  rationale: 'A pod in the host\'s namespaces sees and reaches the node\'s processes, interfaces and IPC objects.',
  remediation: 'Remove {{field}} (or set it to false).',
  check(f, report) {
    if (!f.primary) return;
    for (const field of FIELDS) if (f[field]) report('shared', { field }, `pss.${field}`);
  },
});
