/**
 * A process's container: runc state first (its init process's cgroup is the
 * container's, whatever path the runtime chose), then the cgroup path's own
 * conventions, enriched with the bundle and names the runtime keeps. Built
 * once per scan; each cgroup is identified once.
 */
import type { ContainerRef } from '../../model/container.js';
import type { Membership } from './cgroup-hierarchies.js';
import { parseCgroupFile } from './cgroup-hierarchies.js';
import { containerFromMemberships, membershipKey, primaryMembership } from './container-from-cgroup.js';
import { parseStat } from './parse-stat.js';
import type { ProcFs } from './proc-fs.js';
import type { RuntimeContainer } from './runtime-state.js';
import { exists, findBundle, readRuntimeStates, runtimeNames } from './runtime-state.js';

export class ContainerIndex {
  private byKey?: Map<string, RuntimeContainer>;
  private byId?: Map<string, RuntimeContainer>;
  private readonly cache = new Map<string, ContainerRef | null>();

  constructor(private readonly fs: ProcFs, private readonly procRoot: string) {}

  identify(memberships: readonly Membership[]): ContainerRef | undefined {
    const primary = primaryMembership(memberships);
    if (!primary) return undefined;
    const key = membershipKey(primary);
    let ref = this.cache.get(key);
    if (ref === undefined) this.cache.set(key, (ref = this.resolve(key, primary, memberships) ?? null));
    return ref ?? undefined;
  }

  private resolve(key: string, primary: Membership, memberships: readonly Membership[]): ContainerRef | undefined {
    this.load();
    const state = this.byKey!.get(key);
    const named = containerFromMemberships(memberships);
    if (named && named.runtime === 'systemd' && !state) return named;
    if (!named && !state) return undefined;
    const runtime = this.byId!.get(named?.id ?? '') ?? state;
    const base = named && named.runtime !== 'systemd' ? named : { runtime: state!.runtime, id: state!.id, cgroup: primary.path };
    const bundle = runtime?.bundle ?? findBundle(this.fs, base.id);
    const config = bundle !== undefined && exists(this.fs, `${bundle}/config.json`) ? `${bundle}/config.json` : undefined;
    const names = runtimeNames(this.fs, base.id, config);
    const pod = base.pod || names.podName ? { ...base.pod, ...(names.podName ? { name: names.podName } : {}), ...(names.podNamespace ? { namespace: names.podNamespace } : {}) } : undefined;
    return {
      ...base,
      ...(names.name ? { name: names.name } : {}),
      ...(pod ? { pod } : {}),
      ...(bundle !== undefined ? { bundle } : {}),
      ...(config !== undefined ? { config } : {}),
    };
  }

  /** Runtime states, keyed by their init process's primary cgroup (checked against its start time) and by id. */
  private load(): void {
    if (this.byKey) return;
    this.byKey = new Map();
    this.byId = new Map();
    for (const c of readRuntimeStates(this.fs)) {
      this.byId.set(c.id, c);
      if (c.initPid === undefined) continue;
      try {
        const stat = parseStat(this.fs.read(`${this.procRoot}/${c.initPid}/stat`));
        if (!stat || (c.initStart !== undefined && stat.startTime !== c.initStart)) continue;
        const primary = primaryMembership(parseCgroupFile(this.fs.read(`${this.procRoot}/${c.initPid}/cgroup`)));
        if (primary) this.byKey.set(membershipKey(primary), c);
      } catch {
        // the container's init exited: nothing of it is running
      }
    }
  }
}
