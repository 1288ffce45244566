/** Model keys → JSON pointers in an OCI config (see engine/model/keys.ts). */
import { splitKey } from '../../model/keys.js';
import { pointerOf } from '../../model/pointer.js';
import { normaliseCapability } from '../../linux/capabilities.js';
import type { OciConfig } from './config.gen.js';

const FIXED: Readonly<Record<string, string>> = {
  subject: '',
  namespaces: '/linux/namespaces',
  uidMappings: '/linux/uidMappings',
  gidMappings: '/linux/gidMappings',
  seccomp: '/linux/seccomp',
  'seccomp.defaultAction': '/linux/seccomp/defaultAction',
  'seccomp.architectures': '/linux/seccomp/architectures',
  noNewPrivileges: '/process/noNewPrivileges',
  privileged: '',
  'user.uid': '/process/user/uid',
  'user.gid': '/process/user/gid',
  readOnlyRootfs: '/root/readonly',
  mounts: '/mounts',
  devices: '/linux/devices',
  deviceRules: '/linux/resources/devices',
  sysctls: '/linux/sysctl',
  maskedPaths: '/linux/maskedPaths',
  readonlyPaths: '/linux/readonlyPaths',
  'lsm.apparmor': '/process/apparmorProfile',
  'lsm.selinux': '/process/selinuxLabel',
  'limits.memory': '/linux/resources/memory/limit',
  'limits.pids': '/linux/resources/pids/limit',
  'limits.cpu': '/linux/resources/cpu/quota',
  annotations: '/annotations',
};

export function ociLocator(config: OciConfig): (key: string) => string | null {
  return (key) => {
    const fixed = FIXED[key];
    if (fixed !== undefined) return fixed;
    const [field, item] = splitKey(key);
    if (field.startsWith('capabilities.')) {
      const set = field.slice('capabilities.'.length) as 'bounding';
      const list = config.process?.capabilities?.[set];
      const index = item === undefined || !list ? -1 : list.findIndex((n) => normaliseCapability(n) === item);
      return index >= 0 ? pointerOf('process', 'capabilities', set, index) : pointerOf('process', 'capabilities', set);
    }
    if (field.startsWith('namespaces.')) {
      const type = field.slice('namespaces.'.length);
      const index = (config.linux?.namespaces ?? []).findIndex((n) => n.type === type);
      return index >= 0 ? pointerOf('linux', 'namespaces', index) : '/linux/namespaces';
    }
    if (field === 'seccomp.syscall' && item !== undefined) return syscallPointer(config, item);
    if (field === 'user.groups') {
      const index = (config.process?.user?.additionalGids ?? []).indexOf(Number(item));
      return index >= 0 ? pointerOf('process', 'user', 'additionalGids', index) : '/process/user';
    }
    const base = FIXED[field];
    if (base !== undefined && item !== undefined) return `${base}${pointerOf(item)}`;
    return null;
  };
}

function syscallPointer(config: OciConfig, name: string): string {
  const rules = config.linux?.seccomp?.syscalls ?? [];
  for (let i = 0; i < rules.length; i++) {
    const j = rules[i]!.names.indexOf(name);
    if (j >= 0) return pointerOf('linux', 'seccomp', 'syscalls', i, 'names', j);
  }
  return '/linux/seccomp/defaultAction';
}
