import { pssRule } from '../../engine/policy/pss-rule.js';
import { SAFE_SYSCTLS } from '../../engine/linux/sysctls.js';

export default pssRule({
  id: 'pss/sysctls',
  psaCheck: 'sysctls',
  level: 'baseline',
  control: 'Sysctls',
  severity: 'high',
  title: 'Only safe sysctls are set',
  description: 'securityContext.sysctls may name only the sysctls Kubernetes considers safe: namespaced and isolated from other pods.',
  messages: { unsafe: '{{workload}} sets the sysctl {{name}}, which is not in the safe set.' },
  rationale: 'Other sysctls are shared with the node or other pods, or disable kernel protections.',
  remediation: 'Remove {{name}} from securityContext.sysctls; set it on the node if the node needs it.',
  check(f, report) {
    if (!f.primary) return;
    f.pod.sysctls.forEach((name, i) => {
      if (!SAFE_SYSCTLS.has(name)) report('unsafe', { name }, `pss.pod.sysctls/${i}`);
    });
  },
});
