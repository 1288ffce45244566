/**
 * The container a live process belongs to, as far as the host can tell: the
 * runtime that made it, its id, and where known its name, its pod and the
 * bundle config it was started from.
 */

export type ContainerRuntime =
  | 'runc' | 'crun' | 'containerd' | 'cri-o' | 'docker' | 'podman' | 'lxc' | 'systemd'
  /** A Kubernetes container whose CRI runtime the cgroup path does not tell (cgroupfs driver). */
  | 'kubernetes';

export interface ContainerRef {
  readonly runtime: ContainerRuntime;
  /** The runtime's id (runc/container id, systemd unit, LXC name). */
  readonly id: string;
  /** A human name where the runtime keeps one (Docker's name, the Kubernetes container name). */
  readonly name?: string;
  /** Kubernetes: the pod's UID (from the cgroup path) and, where the bundle says, its namespace/name. */
  readonly pod?: { readonly uid?: string; readonly name?: string; readonly namespace?: string };
  /** The cgroup path the container was recognised from. */
  readonly cgroup: string;
  /** The bundle directory, when the runtime's state names it. */
  readonly bundle?: string;
  /** The bundle's config.json, when it exists and is readable. */
  readonly config?: string;
}

/** `runc t15a`, `docker web (3f2a9c1b7e4d)`, `kubernetes default/web/nginx`. */
export function containerLabel(c: ContainerRef): string {
  const short = /^[0-9a-f]{64}$/.test(c.id) ? c.id.slice(0, 12) : c.id;
  if (c.pod?.name) return `${c.runtime} ${c.pod.namespace ? `${c.pod.namespace}/` : ''}${c.pod.name}/${c.name ?? short}`;
  return c.name && c.name !== c.id ? `${c.runtime} ${c.name} (${short})` : `${c.runtime} ${short}`;
}
