/**
 * Which sysctls a namespace isolates (man 7 ipc_namespaces, uts_namespaces,
 * network_namespaces; the Kubernetes sysctl docs). Anything else is
 * host-wide: setting it from a container changes the host.
 */
import type { NamespaceType } from './namespaces.js';

const IPC = new Set(['kernel.shm_rmid_forced', 'kernel.shmmax', 'kernel.shmall', 'kernel.shmmni', 'kernel.msgmax', 'kernel.msgmnb', 'kernel.msgmni', 'kernel.sem']);
const UTS = new Set(['kernel.hostname', 'kernel.domainname']);

/** The namespace that isolates a sysctl, or undefined when it is host-wide. */
export function sysctlNamespace(name: string): NamespaceType | undefined {
  const key = name.replace(/\//g, '.');
  if (IPC.has(key) || key.startsWith('fs.mqueue.')) return 'ipc';
  if (UTS.has(key)) return 'uts';
  if (key.startsWith('net.')) return 'network';
  return undefined;
}

/** The sysctls Kubernetes considers safe (allowed by the Pod Security baseline, as of 1.37). */
export const SAFE_SYSCTLS: ReadonlySet<string> = new Set([
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes', 'net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem',
  'net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat',
]);
