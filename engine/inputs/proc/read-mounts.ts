/**
 * What /proc/PID/mountinfo says honestly about a process's filesystem view:
 * whether its root is mounted read-only, its mounts, and which paths (the
 * /proc and /sys defaults, or any a profile lists) are masked (a /dev/null bind or an empty read-only tmpfs on top, as
 * runc does) or re-mounted read-only.
 */
import type { Maybe, Mount } from '../../model/subject.js';
import { unknown } from '../../model/subject.js';
import type { MountInfo } from './parse-mountinfo.js';
import { mountAt } from './parse-mountinfo.js';

export interface MountView {
  readonly readOnlyRootfs: Maybe<boolean>;
  readonly mounts: Maybe<readonly Mount[]>;
  readonly maskedPaths: Maybe<readonly string[]>;
  readonly readonlyPaths: Maybe<readonly string[]>;
}

export function unknownMountView(reason: string): MountView {
  const u = unknown(`/proc/PID/mountinfo: ${reason}`);
  return { readOnlyRootfs: u, mounts: u, maskedPaths: u, readonlyPaths: u };
}

/** Mount points that are never a mask or a read-only path of their own: the root (readOnlyRootfs) and the two kernel trees themselves. */
const NOT_A_PATH_RULE = new Set(['/', '/proc', '/sys']);

/** For a process in its own mount namespace: the host's mounts, to find which host path each of its mounts shows. */
export interface HostView {
  readonly mounts: readonly MountInfo[];
  /** Default masked and read-only paths this host does not have. */
  readonly absent: readonly string[];
}

export function mountView(mounts: readonly MountInfo[], host?: HostView): MountView {
  const root = mountAt(mounts, '/');
  const visible = mounts.filter((m, i) => !mounts.slice(i + 1).some((later) => later.mountPoint === m.mountPoint));
  const masked: string[] = [];
  const readOnly: string[] = [];
  for (const m of visible) {
    // Any path may be masked or made read-only (a profile's filesystem lists name /etc or /var paths too), so every mount is looked at.
    if (NOT_A_PATH_RULE.has(m.mountPoint)) continue;
    if (isMask(m)) masked.push(m.mountPoint);
    else if (m.options.includes('ro')) readOnly.push(m.mountPoint);
  }
  return {
    readOnlyRootfs: root ? root.options.includes('ro') : unknown('no mount at / in /proc/PID/mountinfo (the root is outside this mount namespace\'s view)'),
    mounts: visible.map((m) => {
      const hostPath = host ? hostPathOf(m, host.mounts) : undefined;
      return {
        destination: m.mountPoint,
        // In its own mount namespace, a mount is a host bind only when it shows a host path.
        source: hostPath ?? (m.root !== '/' && !host ? m.root : m.source),
        type: m.fsType,
        options: m.options,
        bind: host ? hostPath !== undefined : m.root !== '/',
        readOnly: m.options.includes('ro'),
      };
    }),
    maskedPaths: host ? [...masked, ...host.absent.filter((p) => !masked.includes(p))] : masked,
    readonlyPaths: host ? [...readOnly, ...host.absent.filter((p) => !readOnly.includes(p))] : readOnly,
  };
}

/** runc masks files with a bind of /dev/null and directories with an empty read-only tmpfs. */
export function isMask(m: MountInfo): boolean {
  return (m.root === '/null' && (m.fsType === 'devtmpfs' || m.fsType === 'tmpfs'))
    || (m.fsType === 'tmpfs' && m.options.includes('ro') && m.source === 'tmpfs');
}

/** Filesystems a container mounts afresh yet shares the host's superblock for (same netns sysfs, cgroup hierarchies). */
const MOUNTED_NOT_BOUND = new Set(['sysfs', 'cgroup', 'cgroup2']);

/**
 * The host path a mount shows: the host mount of the same superblock whose
 * root contains this mount's root (`-v /:/host` has root `/` on the host's
 * disk; a bind of /run/docker.sock has root `/docker.sock` on /run's tmpfs).
 */
function hostPathOf(m: MountInfo, hostMounts: readonly MountInfo[]): string | undefined {
  if (MOUNTED_NOT_BOUND.has(m.fsType)) return undefined;
  let best: MountInfo | undefined;
  for (const h of hostMounts) {
    if (h.device !== m.device) continue;
    const inside = h.root === '/' || m.root === h.root || m.root.startsWith(`${h.root}/`);
    if (inside && (!best || h.root.length > best.root.length)) best = h;
  }
  if (!best) return undefined;
  const rest = best.root === '/' ? m.root : m.root.slice(best.root.length);
  return `${best.mountPoint.replace(/\/$/, '')}${rest === '/' ? '' : rest}` || '/';
}
