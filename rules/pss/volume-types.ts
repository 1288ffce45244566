import { pssRule } from '../../engine/policy/pss-rule.js';

const ALLOWED = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret']);

export default pssRule({
  id: 'pss/volume-types',
  psaCheck: 'restrictedVolumes',
  level: 'restricted',
  control: 'Volume Types',
  severity: 'medium',
  title: 'Only restricted volume types are used',
  description: 'Volumes may be configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected or secret; a volume with no source is an emptyDir.',
  messages: { volume: '{{workload}} has the {{source}} volume "{{name}}".' },
  rationale: 'Other volume types reach the node (hostPath) or storage systems directly, outside what a cluster admin provisions.',
  remediation: 'Replace the {{source}} volume "{{name}}" with a persistentVolumeClaim or one of the allowed types.',
  check(f, report) {
    if (!f.primary) return;
    f.volumes.forEach((v, i) => {
      if (v.source !== null && !ALLOWED.has(v.source)) report('volume', { name: v.name, source: v.source }, `pss.volumes/${i}`);
    });
  },
});
