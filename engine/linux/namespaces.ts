/** Namespace types as the model names them (OCI spelling; `net` in /proc is `network`). */
export const NAMESPACE_TYPES = ['pid', 'network', 'ipc', 'uts', 'mount', 'cgroup', 'user', 'time'] as const;
export type NamespaceType = (typeof NAMESPACE_TYPES)[number];

/** The file name under /proc/PID/ns for each type. */
export const PROC_NS_FILE: Readonly<Record<NamespaceType, string>> = {
  pid: 'pid', network: 'net', ipc: 'ipc', uts: 'uts', mount: 'mnt', cgroup: 'cgroup', user: 'user', time: 'time',
};

/** Inode numbers of the initial namespaces (include/linux/proc_ns.h); net and mnt are dynamic. */
export const INITIAL_NS_INODE: Readonly<Partial<Record<NamespaceType, number>>> = {
  ipc: 4026531839, uts: 4026531838, user: 4026531837, pid: 4026531836, cgroup: 4026531835, time: 4026531834,
};

export function isNamespaceType(name: string): name is NamespaceType {
  return (NAMESPACE_TYPES as readonly string[]).includes(name);
}
