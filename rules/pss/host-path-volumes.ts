import { pssRule } from '../../engine/policy/pss-rule.js';

export default pssRule({
  id: 'pss/host-path-volumes',
  psaCheck: 'hostPathVolumes',
  level: 'baseline',
  control: 'HostPath Volumes',
  severity: 'high',
  title: 'No hostPath volumes',
  description: 'hostPath volumes (compose and docker: bind mounts) expose the node\'s filesystem to the pod.',
  messages: { hostPath: '{{workload}} has the hostPath volume "{{name}}".' },
  rationale: 'A hostPath volume reads or writes the node\'s files, often its secrets or the runtime socket.',
  remediation: 'Replace the hostPath volume "{{name}}" with an emptyDir, configMap, secret or persistent volume.',
  check(f, report) {
    if (!f.primary) return;
    f.volumes.forEach((v, i) => {
      if (v.source === 'hostPath') report('hostPath', { name: v.name }, `pss.volumes/${i}`);
    });
  },
});
