/**
 * Host paths whose bind mount into a container hands over the host. One list
 * serves three relations: a mount of a listed path itself, of something
 * under a listed tree, or of a parent directory that holds a listed path
 * (`/var` holds `/var/lib/docker`), which exposes it just the same.
 */
import { posix } from 'node:path';
import type { Severity } from '../model/finding.js';
import { severityRank as rank } from '../model/finding.js';

export interface SensitivePath {
  readonly path: string;
  /** Also match everything below the path. */
  readonly tree: boolean;
  readonly severity: Severity;
  readonly why: string;
  /** A read-only mount is as bad as a writable one (sockets: connect(2) ignores the mount's read-only flag). */
  readonly readOnlyStays?: boolean;
}

const SOCKET = 'the container runtime\'s API socket: whoever can write to it starts privileged containers on the host';
const SOCKETS = 'holds the container runtimes\' API sockets';
const sock = (path: string): SensitivePath => ({ path, tree: false, severity: 'critical', why: SOCKET, readOnlyStays: true });

export const SENSITIVE_HOST_PATHS: readonly SensitivePath[] = [
  { path: '/', tree: false, severity: 'critical', why: 'the host\'s whole filesystem', readOnlyStays: true },
  sock('/var/run/docker.sock'),
  sock('/run/docker.sock'),
  sock('/run/containerd/containerd.sock'),
  sock('/var/run/containerd/containerd.sock'),
  sock('/run/crio/crio.sock'),
  sock('/var/run/crio/crio.sock'),
  sock('/run/podman/podman.sock'),
  { path: '/var/run', tree: false, severity: 'critical', why: SOCKETS, readOnlyStays: true },
  { path: '/run', tree: false, severity: 'critical', why: SOCKETS, readOnlyStays: true },
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

/** How a mount's source relates to the listed path it exposes. */
export interface Exposure {
  /** The source is the listed path, lies under it, or is a directory holding it. */
  readonly relation: 'is' | 'under' | 'parent';
  readonly entry: SensitivePath;
  /** The entry's severity, read-only lowering it one step unless it stays. */
  readonly severity: Severity;
}

const LOWER: Readonly<Record<Severity, Severity>> = { critical: 'high', high: 'medium', medium: 'low', low: 'low', info: 'info' };

/** `/srv/../etc/` → `/etc`; a relative source (`./data`, a named volume) is not a host path here. */
function normalise(path: string): string | undefined {
  if (!path.startsWith('/')) return undefined;
  const clean = posix.normalize(path);
  return clean.length > 1 ? clean.replace(/\/$/, '') : clean;
}

function severityOf(entry: SensitivePath, readOnly: boolean): Severity {
  return readOnly && !entry.readOnlyStays ? LOWER[entry.severity] : entry.severity;
}

/**
 * What a bind mount of `source` exposes, if anything: the listed path it is
 * or lies under, else the most severe listed path below it (read-only
 * lowering each by one step, except sockets and /).
 */
export function hostPathExposure(source: string, readOnly: boolean): Exposure | undefined {
  const path = normalise(source);
  if (path === undefined) return undefined;
  const own = SENSITIVE_HOST_PATHS.find((s) => path === s.path || (s.tree && path.startsWith(`${s.path}/`)));
  if (own) return { relation: own.path === path ? 'is' : 'under', entry: own, severity: severityOf(own, readOnly) };
  const prefix = path === '/' ? '/' : `${path}/`;
  let worst: SensitivePath | undefined;
  for (const entry of SENSITIVE_HOST_PATHS) {
    if (!entry.path.startsWith(prefix)) continue;
    if (!worst || rank(severityOf(entry, readOnly)) > rank(severityOf(worst, readOnly))) worst = entry;
  }
  return worst && { relation: 'parent', entry: worst, severity: severityOf(worst, readOnly) };
}
