import { isWindows, pssRule } from '../../engine/policy/pss-rule.js';

export default pssRule({
  id: 'pss/capabilities-restricted',
  psaCheck: 'capabilities_restricted',
  level: 'restricted',
  control: 'Capabilities',
  severity: 'high',
  title: 'Containers drop ALL capabilities and add at most NET_BIND_SERVICE',
  description: 'capabilities.drop must contain exactly "ALL" (upper case) and capabilities.add may name only NET_BIND_SERVICE. Windows pods are exempt.',
  messages: {
    noDrop: '{{subject}} does not drop "ALL" capabilities.',
    added: '{{subject}} adds the capability "{{cap}}"; only NET_BIND_SERVICE may be added.',
  },
  rationale: 'The runtime default set still holds capabilities (CHOWN, DAC_OVERRIDE, SETUID, NET_RAW, ...) most workloads never use.',
  remediation: 'Set capabilities.drop: ["ALL"] and add back only NET_BIND_SERVICE if the workload binds a low port.',
  check(f, report) {
    if (isWindows(f)) return;
    const caps = f.containerLevel.capabilities;
    if (!caps?.drop.includes('ALL')) report('noDrop', {}, caps ? 'pss.container.capabilities.drop' : 'pss.container.capabilities');
    (caps?.add ?? []).forEach((cap, i) => {
      if (cap !== 'NET_BIND_SERVICE') report('added', { cap }, `pss.container.capabilities.add/${i}`);
    });
  },
});
