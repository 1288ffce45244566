/**
 * Where each cgroup hierarchy is mounted, from the reader's own mountinfo:
 * cgroup2 (the unified hierarchy) and cgroup v1 mounts with their
 * controllers. Covers v2-only, v1-only and hybrid hosts alike.
 */
import type { MountInfo } from './parse-mountinfo.js';

export interface Hierarchy {
  readonly version: 1 | 2;
  /** v1: the controllers (and `name=...`) of the mount; v2: []. */
  readonly controllers: readonly string[];
  /** Directory of the hierarchy's mount, with the sysfs root applied. */
  readonly dir: string;
  /** The cgroup path the mount shows at its top (`/` unless a subtree is mounted). */
  readonly root: string;
}

const V1_OPTIONS = new Set(['rw', 'ro', 'noprefix', 'clone_children', 'xattr', 'cpuset_v2_mode', 'favordynmods']);

export function cgroupHierarchies(mounts: readonly MountInfo[], sysRoot: string): Hierarchy[] {
  const found: Hierarchy[] = [];
  for (const m of mounts) {
    if (m.fsType !== 'cgroup' && m.fsType !== 'cgroup2') continue;
    const dir = m.mountPoint === '/sys' || m.mountPoint.startsWith('/sys/') ? sysRoot + m.mountPoint.slice(4) : m.mountPoint;
    const controllers = m.fsType === 'cgroup2' ? [] : m.superOptions.filter((o) => !V1_OPTIONS.has(o) && !o.startsWith('release_agent='));
    found.push({ version: m.fsType === 'cgroup2' ? 2 : 1, controllers, dir, root: m.root });
  }
  return found;
}

export interface Membership {
  readonly version: 1 | 2;
  readonly controllers: readonly string[];
  readonly path: string;
}

/** /proc/PID/cgroup: `0::/path` (v2) and `N:controllers:/path` (v1). */
export function parseCgroupFile(text: string): Membership[] {
  const out: Membership[] = [];
  for (const line of text.split('\n')) {
    const m = /^(\d+):([^:]*):(.*)$/.exec(line);
    if (!m) continue;
    const v2 = m[1] === '0' && m[2] === '';
    out.push({ version: v2 ? 2 : 1, controllers: v2 ? [] : m[2]!.split(','), path: m[3]! });
  }
  return out;
}

/** The mounted directory for a membership's path, or undefined when its hierarchy is not mounted. */
export function directoryOf(membership: Membership, hierarchies: readonly Hierarchy[]): { dir: string; top: string } | undefined {
  const h = hierarchies.find((x) => x.version === membership.version
    && (x.version === 2 || membership.controllers.every((c) => x.controllers.includes(c))));
  if (!h) return undefined;
  const root = h.root === '/' ? '' : h.root;
  if (root && membership.path !== root && !membership.path.startsWith(`${root}/`)) return undefined;
  const relative = membership.path.slice(root.length);
  return { dir: `${h.dir}${relative === '/' ? '' : relative}`, top: h.dir };
}
