/**
 * The container a cgroup path names, by the conventions of the runtimes that
 * make them (systemd and cgroupfs drivers alike):
 *
 *   /kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod<uid>.slice/cri-containerd-<id>.scope
 *   /kubepods/besteffort/pod<uid>/<id>                 (cgroupfs: the CRI runtime is not in the path)
 *   .../crio-<id>.scope   /system.slice/docker-<id>.scope   /docker/<id>
 *   /machine.slice/libpod-<id>.scope[/container]   /libpod_parent/libpod-<id>
 *   /lxc/<name>   /lxc.payload.<name>   /system.slice/runc-<id>.scope   /system.slice/nginx.service
 *
 * Runtime helpers (conmon, LXC monitors) are not containers. A path that
 * names nothing returns undefined; runc's default cgroupfs path (`/<id>`) is
 * recognised from runc's own state instead (runtime-state.ts).
 */
import type { ContainerRef, ContainerRuntime } from '../../model/container.js';
import type { Membership } from './cgroup-hierarchies.js';

export type CgroupContainer = Pick<ContainerRef, 'runtime' | 'id' | 'pod' | 'cgroup'>;

const SCOPE: readonly [RegExp, ContainerRuntime][] = [
  [/^cri-containerd-([0-9a-f]{64})\.scope$/, 'containerd'],
  [/^crio-([0-9a-f]{64})\.scope$/, 'cri-o'],
  [/^docker-([0-9a-f]{64})\.scope$/, 'docker'],
  [/^libpod-([0-9a-f]{64})\.scope$/, 'podman'],
  [/^nerdctl-([0-9a-f]{64})\.scope$/, 'containerd'],
  [/^runc-([\w.+-]+)\.scope$/, 'runc'],
  [/^crun-([\w.+-]+)\.scope$/, 'crun'],
];
const HELPER = /^(crio-conmon-|libpod-conmon-)|^lxc\.monitor[./]/;
const POD = /^(?:kubepods-(?:besteffort-|burstable-|guaranteed-)?pod([0-9a-f_]{36})\.slice|pod([0-9a-f-]{36}))$/;
const HEX_ID = /^[0-9a-f]{64}$/;

export function containerFromPath(path: string): CgroupContainer | undefined {
  const parts = path.split('/').filter(Boolean);
  if (parts.some((p) => HELPER.test(p))) return undefined;
  let pod: string | undefined;
  let kube = false;
  let found: CgroupContainer | undefined;
  let service: string | undefined;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const prev = parts[i - 1];
    if (part === 'kubepods' || part.startsWith('kubepods.') || part.startsWith('kubepods-')) kube = true;
    const podMatch = kube ? POD.exec(part) : null;
    if (podMatch) {
      pod = (podMatch[1] ?? podMatch[2]!).replace(/_/g, '-');
      continue;
    }
    const scope = SCOPE.map(([re, runtime]) => ({ m: re.exec(part), runtime })).find((x) => x.m);
    if (scope) found = { runtime: scope.runtime, id: scope.m![1]!, cgroup: path };
    else if (pod && HEX_ID.test(part)) found = { runtime: 'kubernetes', id: part, cgroup: path };
    else if ((prev === 'docker' && i === 1) && HEX_ID.test(part)) found = { runtime: 'docker', id: part, cgroup: path };
    else if (prev === 'libpod_parent' && part.startsWith('libpod-') && HEX_ID.test(part.slice(7))) found = { runtime: 'podman', id: part.slice(7), cgroup: path };
    else if (prev === 'lxc' && i === 1) found = { runtime: 'lxc', id: part, cgroup: path };
    else if (part.startsWith('lxc.payload.') && i === 0) found = { runtime: 'lxc', id: part.slice('lxc.payload.'.length), cgroup: path };
    else if (part.endsWith('.service') && !found) service = part;
  }
  if (found) return pod ? { ...found, pod: { uid: pod } } : found;
  return service ? { runtime: 'systemd', id: service, cgroup: path } : undefined;
}

/** The membership that best tells a process's container: the unified one, then name=systemd, then any v1 path that is not the root. */
export function primaryMembership(memberships: readonly Membership[]): Membership | undefined {
  const placed = memberships.filter((m) => m.path !== '/');
  return placed.find((m) => m.version === 2)
    ?? placed.find((m) => m.controllers.includes('name=systemd'))
    ?? placed.find((m) => m.controllers.includes('pids'))
    ?? placed[0];
}

/** The first container any membership names; a real container wins over a systemd service. */
export function containerFromMemberships(memberships: readonly Membership[]): CgroupContainer | undefined {
  const primary = primaryMembership(memberships);
  const ordered = primary ? [primary, ...memberships.filter((m) => m !== primary)] : memberships;
  let service: CgroupContainer | undefined;
  for (const m of ordered) {
    const found = containerFromPath(m.path);
    if (found && found.runtime !== 'systemd') return found;
    service ??= found;
  }
  return service;
}

/** A key two processes share when they are in the same cgroup as their primary membership shows it. */
export function membershipKey(m: Membership): string {
  return `${m.version}:${m.controllers.join(',')}:${m.path}`;
}
