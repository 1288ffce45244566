/**
 * Seccomp and AppArmor as the kubelet resolves them: the container's field,
 * else the pod's, else the legacy annotations; privileged containers get
 * neither. Unset seccomp is Unconfined in Kubernetes unless the kubelet runs
 * with --seccomp-default.
 */
import type { SeccompState } from '../../model/subject.js';
import type { Container, PodSpec, SeccompProfile } from './pod.gen.js';

export type LocalhostLoader = (profile: string, from: 'field' | 'annotation') => SeccompState;

const UNSET = 'seccompProfile is not set, and Kubernetes runs containers Unconfined unless the kubelet sets --seccomp-default';

export type SeccompSource = 'container' | 'pod' | 'container-annotation' | 'pod-annotation' | 'none';

export function seccompSource(spec: PodSpec, container: Container, annotations: Readonly<Record<string, string>>): SeccompSource {
  if (container.securityContext?.seccompProfile) return 'container';
  if (spec.securityContext?.seccompProfile) return 'pod';
  if (annotations[`container.seccomp.security.alpha.kubernetes.io/${container.name}`] !== undefined) return 'container-annotation';
  if (annotations['seccomp.security.alpha.kubernetes.io/pod'] !== undefined) return 'pod-annotation';
  return 'none';
}

export function seccompState(spec: PodSpec, container: Container, annotations: Readonly<Record<string, string>>, privileged: boolean, localhost: LocalhostLoader): SeccompState {
  if (privileged) return { mode: 'disabled' };
  const source = seccompSource(spec, container, annotations);
  const field: SeccompProfile | undefined = source === 'container' ? container.securityContext!.seccompProfile : source === 'pod' ? spec.securityContext!.seccompProfile : undefined;
  if (field) {
    if (field.type === 'RuntimeDefault') return { mode: 'runtime-default' };
    if (field.type === 'Unconfined') return { mode: 'unconfined' };
    if (field.type === 'Localhost') return field.localhostProfile ? localhost(field.localhostProfile, 'field') : { mode: 'unknown', reason: 'type Localhost without localhostProfile' };
    return { mode: 'unknown', reason: `unknown seccompProfile type "${field.type}"` };
  }
  if (source === 'none') return { mode: 'unconfined', implicit: UNSET };
  const value = annotations[source === 'container-annotation' ? `container.seccomp.security.alpha.kubernetes.io/${container.name}` : 'seccomp.security.alpha.kubernetes.io/pod']!;
  if (value === 'runtime/default' || value === 'docker/default') return { mode: 'runtime-default' };
  if (value === 'unconfined') return { mode: 'unconfined' };
  if (value.startsWith('localhost/')) return localhost(value.slice('localhost/'.length), 'annotation');
  return { mode: 'unknown', reason: `unknown seccomp annotation value "${value}"` };
}

/** AppArmor profile in the runtime's spelling (`runtime/default`, `localhost/NAME`, `unconfined`). */
export function appArmorProfile(spec: PodSpec, container: Container, annotations: Readonly<Record<string, string>>, privileged: boolean): string {
  if (privileged) return 'unconfined';
  const field = container.securityContext?.appArmorProfile ?? spec.securityContext?.appArmorProfile;
  if (field) {
    if (field.type === 'RuntimeDefault') return 'runtime/default';
    if (field.type === 'Localhost') return `localhost/${field.localhostProfile ?? ''}`;
    return field.type === 'Unconfined' ? 'unconfined' : field.type;
  }
  const annotation = annotations[`container.apparmor.security.beta.kubernetes.io/${container.name}`];
  return annotation || 'runtime/default';
}

export function seLinuxLabel(spec: PodSpec, container: Container): string | null {
  const o = container.securityContext?.seLinuxOptions ?? spec.securityContext?.seLinuxOptions;
  if (!o || (!o.user && !o.role && !o.type && !o.level)) return null;
  return [o.user ?? '', o.role ?? '', o.type ?? '', o.level ?? ''].join(':');
}
