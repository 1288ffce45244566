import { pssRule } from '../../engine/policy/pss-rule.js';
import type { SeLinuxFacts } from '../../engine/model/pod-security.js';

const TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

function problems(o: SeLinuxFacts): string[] {
  const out: string[] = [];
  if (!TYPES.has(o.type ?? '')) out.push(`type "${o.type}"`);
  if (o.user) out.push(`user "${o.user}"`);
  if (o.role) out.push(`role "${o.role}"`);
  return out;
}

export default pssRule({
  id: 'pss/selinux',
  psaCheck: 'seLinuxOptions',
  level: 'baseline',
  control: 'SELinux',
  severity: 'medium',
  title: 'SELinux options keep a container type',
  description: 'seLinuxOptions.type may be unset, container_t, container_init_t, container_kvm_t or container_engine_t; user and role must not be set.',
  messages: {
    pod: '{{workload}} sets the pod\'s seLinuxOptions {{what}}.',
    container: '{{subject}} sets seLinuxOptions {{what}}.',
  },
  rationale: 'A custom SELinux user, role or type can lift the confinement SELinux gives containers.',
  remediation: 'Remove the SELinux user and role, and use one of the container types.',
  check(f, report) {
    const pod = f.pod.seLinux ? problems(f.pod.seLinux) : [];
    if (f.primary && pod.length) report('pod', { what: pod.join(', ') }, 'pss.pod.seLinuxOptions');
    const own = f.containerLevel.seLinux ? problems(f.containerLevel.seLinux) : [];
    if (own.length) report('container', { what: own.join(', ') }, 'pss.container.seLinuxOptions');
  },
});
