import { pssRule } from '../../engine/policy/pss-rule.js';

export default pssRule({
  id: 'pss/proc-mount-restricted',
  psaCheck: 'procMount_restricted',
  level: 'restricted',
  control: '/proc Mount Type',
  severity: 'high',
  title: 'The default /proc masks are kept, even in a user namespace',
  description: 'procMount must be Default (or unset), with or without hostUsers: false.',
  messages: { unmasked: '{{subject}} sets procMount: {{value}}.' },
  rationale: 'Even in a user namespace an unmasked /proc shows kernel interfaces the restricted level keeps hidden.',
  remediation: 'Remove procMount.',
  check(f, report) {
    const value = f.containerLevel.procMount;
    if (value !== undefined && value !== 'Default') report('unmasked', { value }, 'pss.container.procMount');
  },
});
