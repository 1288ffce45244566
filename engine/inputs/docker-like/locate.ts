/**
 * Model keys → pointers for compose and docker inspect: the key names a
 * Docker field, the input says where that field is in its own document.
 */
import { splitKey } from '../../model/keys.js';
import { normaliseCapability } from '../../linux/capabilities.js';
import type { DockerField, DockerSettings } from './settings.js';
import { findOpt, parseSecurityOpts } from './settings.js';
import { parseUser } from './pod-facts.js';

/** Pointer of a field (or of one of its items); absent fields resolve to their nearest ancestor in the document. */
export type PlaceField = (field: DockerField, item?: string | number) => string;

const NAMESPACE_FIELD: Readonly<Record<string, DockerField>> = { pid: 'pid', network: 'network', ipc: 'ipc', uts: 'uts', user: 'userns', cgroup: 'cgroup' };

export function dockerLocator(s: DockerSettings, place: PlaceField): (key: string) => string | null {
  const opts = parseSecurityOpts(s.securityOpt);
  const opt = (name: string, fallback: DockerField = 'service') => {
    const found = findOpt(opts, name);
    return found ? place('securityOpt', found.index) : place(fallback);
  };
  const privileged = s.privileged ? place('privileged') : undefined;
  const capability = (name: string | undefined) => {
    if (privileged) return privileged;
    const index = name === undefined ? -1 : s.capAdd.findIndex((c) => normaliseCapability(c) === name);
    return index >= 0 ? place('capAdd', index) : place('capAdd');
  };
  const sysctl = (name: string | undefined) => {
    const index = s.sysctls.findIndex(([n]) => n === name);
    return index >= 0 ? place('sysctls', index) : place('sysctls');
  };
  return (key) => {
    const [field, item] = splitKey(key);
    if (field.startsWith('namespaces.')) return place(NAMESPACE_FIELD[field.slice(11)] ?? 'service');
    if (field === 'capabilities.drop' || field === 'pss.container.capabilities.drop') return place('capDrop');
    if (field === 'pss.container.capabilities.add') return place('capAdd', Number(item));
    if (field.startsWith('capabilities.')) return capability(item);
    if (field === 'seccomp' || field.startsWith('seccomp.')) return privileged ?? opt('seccomp');
    switch (field) {
      case 'subject': case 'namespaces': case 'pss.container.capabilities': return place('service');
      case 'pss.container.procMount': return opt('systempaths');
      case 'noNewPrivileges': case 'pss.container.allowPrivilegeEscalation': return opt('no-new-privileges');
      case 'privileged': case 'pss.container.privileged': case 'deviceRules': return place('privileged');
      case 'user.groups': {
        const index = s.groupAdd.findIndex((g) => parseUser(g) === Number(item));
        return index >= 0 ? place('groupAdd', index) : place('groupAdd');
      }
      case 'user.uid': case 'user.gid': case 'pss.container.runAsUser': case 'pss.container.runAsNonRoot': return place('user');
      case 'readOnlyRootfs': return place('readOnly');
      case 'mounts': case 'pss.volumes': return item === undefined ? place('mounts') : place('mounts', Number(item));
      case 'devices': return item === undefined ? place('devices') : place('devices', Number(item));
      case 'sysctls': return sysctl(item);
      case 'pss.pod.sysctls': return place('sysctls', Number(item));
      case 'lsm.apparmor': return privileged ?? opt('apparmor', s.appliedAppArmor !== undefined ? 'apparmor' : 'service');
      case 'pss.container.appArmorProfile': return opt('apparmor', s.appliedAppArmor !== undefined ? 'apparmor' : 'service');
      case 'lsm.selinux': case 'pss.container.seLinuxOptions': return opt('label');
      case 'pss.container.seccompProfile': return opt('seccomp');
      case 'pss.hostNetwork': return place('network');
      case 'pss.hostPID': return place('pid');
      case 'pss.hostIPC': return place('ipc');
      case 'limits.memory': return place('memory');
      case 'limits.pids': return place('pids');
      case 'limits.cpu': return place('cpu');
      case 'annotations': return item === undefined ? place('labels') : place('labels', item);
      default: return place('service');
    }
  };
}
