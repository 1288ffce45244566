/** Host paths whose bind mount into a container hands over the host. */
import type { Severity } from '../model/finding.js';

export interface SensitivePath {
  readonly path: string;
  /** Also match everything below the path. */
  readonly tree: boolean;
  readonly severity: Severity;
  readonly why: string;
}

const SOCKET = 'the container runtime\'s API socket: whoever can write to it starts privileged containers on the host';

export const SENSITIVE_HOST_PATHS: readonly SensitivePath[] = [
  { path: '/', tree: false, severity: 'critical', why: 'the host\'s whole filesystem' },
  { path: '/var/run/docker.sock', tree: false, severity: 'critical', why: SOCKET },
  { path: '/run/docker.sock', tree: false, severity: 'critical', why: SOCKET },
  { path: '/run/containerd/containerd.sock', tree: false, severity: 'critical', why: SOCKET },
  { path: '/var/run/containerd/containerd.sock', tree: false, severity: 'critical', why: SOCKET },
  { path: '/run/crio/crio.sock', tree: false, severity: 'critical', why: SOCKET },
  { path: '/var/run/crio/crio.sock', tree: false, severity: 'critical', why: SOCKET },
  { path: '/run/podman/podman.sock', tree: false, severity: 'critical', why: SOCKET },
  { path: '/var/run', tree: false, severity: 'critical', why: 'holds the container runtimes\' API sockets' },
  { path: '/run', tree: false, severity: 'critical', why: 'holds the container runtimes\' API sockets' },
  { path: '/proc', tree: true, severity: 'critical', why: 'the host\'s procfs: host processes, /proc/sys and /proc/sysrq-trigger' },
  { path: '/sys', tree: true, severity: 'high', why: 'the host\'s sysfs: devices, cgroups and kernel settings' },
  { path: '/dev', tree: true, severity: 'high', why: 'the host\'s device nodes, disks included' },
  { path: '/etc', tree: true, severity: 'high', why: 'host configuration: users, sudoers, cron, systemd units' },
  { path: '/root', tree: true, severity: 'high', why: 'host root\'s home: SSH keys and credentials' },
  { path: '/boot', tree: true, severity: 'high', why: 'the host kernel and boot loader' },
  { path: '/lib/modules', tree: true, severity: 'high', why: 'host kernel modules' },
  { path: '/var/lib/docker', tree: true, severity: 'high', why: 'every container\'s filesystem and the runtime\'s state' },
  { path: '/var/lib/containerd', tree: true, severity: 'high', why: 'every container\'s filesystem and the runtime\'s state' },
  { path: '/var/lib/kubelet', tree: true, severity: 'high', why: 'pod secrets and service-account tokens of the node' },
  { path: '/var/log', tree: true, severity: 'medium', why: 'host logs; writable, a path to host file writes through log symlinks' },
];

function normalise(path: string): string {
  const trimmed = path.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
  return trimmed === '' ? '/' : trimmed;
}

/** The entry a host path falls under, if any. */
export function sensitiveHostPath(source: string): SensitivePath | undefined {
  const path = normalise(source);
  return SENSITIVE_HOST_PATHS.find((s) => path === s.path || (s.tree && path.startsWith(`${s.path}/`)));
}
