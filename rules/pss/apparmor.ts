import { pssRule } from '../../engine/policy/pss-rule.js';

const ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';
const goodType = (type: string) => type === 'RuntimeDefault' || type === 'Localhost';
const goodAnnotation = (value: string) => value === '' || value === 'runtime/default' || value.startsWith('localhost/');

export default pssRule({
  id: 'pss/apparmor',
  psaCheck: 'appArmorProfile',
  level: 'baseline',
  control: 'AppArmor',
  severity: 'medium',
  title: 'AppArmor is not disabled or overridden',
  description: 'appArmorProfile.type may be RuntimeDefault or Localhost (or unset); the legacy annotation may be runtime/default or localhost/NAME.',
  messages: {
    pod: '{{workload}} sets the pod\'s AppArmor profile type to "{{value}}".',
    container: '{{subject}} sets its AppArmor profile type to "{{value}}".',
    annotation: '{{workload}} has the annotation {{key}}="{{value}}".',
  },
  rationale: 'Without the runtime\'s AppArmor profile nothing beyond capabilities and seccomp confines the container.',
  remediation: 'Use appArmorProfile type RuntimeDefault, or Localhost with a reviewed profile.',
  check(f, report) {
    if (f.primary && f.pod.appArmorType !== undefined && !goodType(f.pod.appArmorType)) report('pod', { value: f.pod.appArmorType }, 'pss.pod.appArmorProfile');
    const own = f.containerLevel.appArmorType;
    if (own !== undefined && !goodType(own)) report('container', { value: own }, 'pss.container.appArmorProfile');
    if (!f.primary) return;
    for (const [key, value] of Object.entries(f.annotations)) {
      if (key.startsWith(ANNOTATION) && !goodAnnotation(value)) report('annotation', { key, value }, `pss.annotations/${key}`);
    }
  },
});
