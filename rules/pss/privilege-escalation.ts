import { isWindows, pssRule } from '../../engine/policy/pss-rule.js';

export default pssRule({
  id: 'pss/privilege-escalation',
  psaCheck: 'allowPrivilegeEscalation',
  level: 'restricted',
  control: 'Privilege Escalation',
  severity: 'high',
  title: 'Privilege escalation is explicitly disallowed',
  description: 'Each container must set allowPrivilegeEscalation: false (compose and docker: security_opt no-new-privileges). Unset counts as allowed. Windows pods are exempt.',
  messages: {
    allowed: '{{subject}} sets allowPrivilegeEscalation: true.',
    unset: '{{subject}} does not set allowPrivilegeEscalation: false.',
  },
  rationale: 'Unless it is false, setuid binaries and file capabilities in the image can raise a process\'s privileges (no_new_privs is off).',
  remediation: 'Set securityContext.allowPrivilegeEscalation: false.',
  check(f, report) {
    if (isWindows(f)) return;
    const value = f.containerLevel.allowPrivilegeEscalation;
    if (value !== false) report(value === true ? 'allowed' : 'unset', {}, 'pss.container.allowPrivilegeEscalation');
  },
});
