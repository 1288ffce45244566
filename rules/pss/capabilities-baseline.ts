import { pssRule } from '../../engine/policy/pss-rule.js';

/** What baseline lets a container add: the runtime default set without NET_RAW, spelled exactly so. */
const ALLOWED = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);

export default pssRule({
  id: 'pss/capabilities-baseline',
  psaCheck: 'capabilities_baseline',
  level: 'baseline',
  control: 'Capabilities',
  severity: 'high',
  title: 'Only capabilities of the default set are added',
  description: 'capabilities.add may name only AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID and SYS_CHROOT, written exactly so (no CAP_ prefix, upper case).',
  messages: { added: '{{subject}} adds the capability "{{cap}}", which is not in the baseline set.' },
  rationale: 'Capabilities beyond the runtime default (NET_RAW included) widen what a compromised container can do to the node.',
  remediation: 'Remove "{{cap}}" from capabilities.add.',
  check(f, report) {
    (f.containerLevel.capabilities?.add ?? []).forEach((cap, i) => {
      if (!ALLOWED.has(cap)) report('added', { cap }, `pss.container.capabilities.add/${i}`);
    });
  },
});
