/** Model keys → JSON pointers inside one container of a Kubernetes workload (see engine/model/keys.ts). */
import { splitKey } from '../../model/keys.js';
import { join } from '../../model/pointer.js';
import { normaliseCapability } from '../../linux/capabilities.js';
import type { Subject } from '../../model/subject.js';
import type { Container, PodSpec } from './pod.gen.js';
import { seccompSource } from './lsm.js';

export interface KubePlaces {
  readonly spec: string;
  readonly container: string;
  /** Pointer of each annotation, by key (object or pod template metadata). */
  readonly annotations: ReadonlyMap<string, string>;
}

const POD_FIELD: Readonly<Record<string, string>> = { pid: 'hostPID', network: 'hostNetwork', ipc: 'hostIPC', uts: 'hostNetwork', user: 'hostUsers' };

export function kubeLocator(p: KubePlaces, spec: PodSpec, container: Container, subject: Subject): (key: string) => string | null {
  const sc = container.securityContext ?? {};
  const C = (...t: (string | number)[]) => join(p.container, ...t);
  const CS = (...t: (string | number)[]) => C('securityContext', ...t);
  const P = (...t: (string | number)[]) => join(p.spec, ...t);
  const inherited = (field: 'runAsUser' | 'runAsGroup' | 'appArmorProfile' | 'seLinuxOptions') =>
    sc[field] === undefined && spec.securityContext?.[field] !== undefined ? P('securityContext', field) : CS(field);
  const privileged = sc.privileged === true ? CS('privileged') : undefined;
  const annotation = (key: string) => p.annotations.get(key) ?? null;
  const seccomp = () => {
    if (privileged) return privileged;
    const source = seccompSource(spec, container, subject.podSecurity?.annotations ?? {});
    if (source === 'container') return CS('seccompProfile');
    if (source === 'pod') return P('securityContext', 'seccompProfile');
    if (source === 'none') return CS();
    return annotation(source === 'pod-annotation' ? 'seccomp.security.alpha.kubernetes.io/pod' : `container.seccomp.security.alpha.kubernetes.io/${container.name}`);
  };
  return (key) => {
    const [field, item] = splitKey(key);
    if (field === 'subject') return C();
    if (field.startsWith('pss.')) return pssPointer(field.slice(4), item, { C, CS, P, annotation, subject });
    if (field === 'capabilities.drop') return CS('capabilities', 'drop');
    if (field.startsWith('capabilities.')) {
      if (privileged) return privileged;
      const add = sc.capabilities?.add ?? [];
      const index = item === undefined ? -1 : add.findIndex((n) => normaliseCapability(n) === item);
      return index >= 0 ? CS('capabilities', 'add', index) : CS('capabilities');
    }
    if (field.startsWith('namespaces.')) return P(POD_FIELD[field.slice(11)] ?? '');
    if (field === 'seccomp' || field.startsWith('seccomp.')) return seccomp();
    if (field === 'mounts' && item !== undefined) return hostMountVolume(spec, container, Number(item), P) ?? C('volumeMounts');
    if (field === 'sysctls' && item !== undefined) {
      const i = (spec.securityContext?.sysctls ?? []).findIndex((s) => s.name === item);
      return i >= 0 ? P('securityContext', 'sysctls', i) : P('securityContext', 'sysctls');
    }
    if (field === 'annotations' && item !== undefined) return annotation(item);
    if (field === 'user.groups') {
      const pod = spec.securityContext ?? {};
      const i = (pod.supplementalGroups ?? []).indexOf(Number(item));
      return i >= 0 ? P('securityContext', 'supplementalGroups', i) : pod.fsGroup !== undefined && pod.fsGroup === Number(item) ? P('securityContext', 'fsGroup') : P('securityContext');
    }
    switch (field) {
      case 'namespaces': return P();
      case 'uidMappings': case 'gidMappings': return P('hostUsers');
      case 'noNewPrivileges': return privileged ?? CS('allowPrivilegeEscalation');
      case 'privileged': return CS('privileged');
      case 'user.uid': return inherited('runAsUser');
      case 'user.gid': return inherited('runAsGroup');
      case 'readOnlyRootfs': return CS('readOnlyRootFilesystem');
      case 'mounts': return C('volumeMounts');
      case 'devices': case 'deviceRules': return privileged ?? C();
      case 'sysctls': return P('securityContext', 'sysctls');
      case 'maskedPaths': case 'readonlyPaths': return privileged ?? CS('procMount');
      case 'lsm.apparmor': return privileged ?? (sc.appArmorProfile || spec.securityContext?.appArmorProfile ? inherited('appArmorProfile') : annotation(`container.apparmor.security.beta.kubernetes.io/${container.name}`) ?? CS());
      case 'lsm.selinux': return inherited('seLinuxOptions');
      case 'limits.memory': return C('resources', 'limits', 'memory');
      case 'limits.cpu': return C('resources', 'limits', 'cpu');
      case 'limits.pids': return C('resources');
      default: return null;
    }
  };
}

type Ptr = (...t: (string | number)[]) => string;

function pssPointer(field: string, item: string | undefined, at: { C: Ptr; CS: Ptr; P: Ptr; annotation: (k: string) => string | null; subject: Subject }): string | null {
  const tail = item === undefined ? [] : [item];
  if (field.startsWith('pod.')) return at.P('securityContext', ...field.slice(4).split('.'), ...tail);
  if (field.startsWith('container.')) return at.CS(...field.slice(10).split('.'), ...tail);
  switch (field) {
    case 'hostNetwork': case 'hostPID': case 'hostIPC': case 'hostUsers': case 'os': return at.P(field);
    case 'volumes': return at.P('volumes', ...tail);
    case 'ports': return item === undefined ? at.C('ports') : at.C('ports', item, 'hostPort');
    case 'probes': {
      const where = at.subject.podSecurity?.probeHosts[Number(item)]?.where;
      return where ? at.C(...where.split('.'), 'host') : at.C();
    }
    case 'annotations': return item === undefined ? null : at.annotation(item);
    default: return null;
  }
}

function hostMountVolume(spec: PodSpec, container: Container, index: number, P: Ptr): string | undefined {
  const volumes = spec.volumes ?? [];
  const mounts = (container.volumeMounts ?? []).filter((m) => volumes.some((v) => v.name === m.name && v.hostPath));
  const mount = mounts[index];
  const v = mount ? volumes.findIndex((x) => x.name === mount.name) : -1;
  return v >= 0 ? P('volumes', v, 'hostPath') : undefined;
}
