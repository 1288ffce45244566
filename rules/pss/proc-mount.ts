import { pssRule } from '../../engine/policy/pss-rule.js';

export default pssRule({
  id: 'pss/proc-mount',
  psaCheck: 'procMount',
  level: 'baseline',
  control: '/proc Mount Type',
  severity: 'high',
  title: 'The default /proc masks are kept',
  description: 'procMount must be Default (or unset); since 1.35 baseline allows any value in pods with hostUsers: false.',
  messages: { unmasked: '{{subject}} sets procMount: {{value}}.' },
  rationale: 'An unmasked /proc exposes kernel interfaces the runtime hides from containers (/proc/kcore, /proc/sys, sysrq-trigger).',
  remediation: 'Remove procMount, or run the pod in a user namespace (hostUsers: false).',
  check(f, report) {
    if (f.hostUsers === false) return;
    const value = f.containerLevel.procMount;
    if (value !== undefined && value !== 'Default') report('unmasked', { value }, 'pss.container.procMount');
  },
});
