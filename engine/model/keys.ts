/**
 * Model keys: the vocabulary rules use to say where a finding is. An input
 * adapter maps each key to a JSON pointer in its own document.
 *
 *   subject                            the container or process as a whole
 *   capabilities.<set>[/<CAP_NAME>]    a capability set, or one entry of it
 *   capabilities.add[/<CAP_NAME>]      Kubernetes/compose/docker add list
 *   capabilities.drop                  Kubernetes/compose/docker drop list
 *   namespaces[.<type>]                the namespace list, or one type
 *   uidMappings, gidMappings
 *   seccomp[.defaultAction|.architectures|.syscall/<name>]
 *   noNewPrivileges, privileged, user.uid, user.gid, user.groups/<gid>, readOnlyRootfs
 *   mounts[/<index>], devices[/<index>], deviceRules[/<index>]
 *   sysctls[/<name>], maskedPaths, readonlyPaths
 *   lsm.apparmor, lsm.selinux
 *   limits.memory, limits.pids, limits.cpu
 */
export type ModelKey = string;

export function itemKey(field: string, item: string | number): ModelKey {
  return `${field}/${item}`;
}

/** Split `mounts/3` into ['mounts', '3']. */
export function splitKey(key: ModelKey): [string, string | undefined] {
  const slash = key.indexOf('/');
  return slash < 0 ? [key, undefined] : [key.slice(0, slash), key.slice(slash + 1)];
}
