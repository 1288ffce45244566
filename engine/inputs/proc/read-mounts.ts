/**
 * What /proc/PID/mountinfo says honestly about a process's filesystem view:
 * whether its root is mounted read-only, its mounts, and which /proc and /sys
 * paths are masked (a /dev/null bind or an empty read-only tmpfs on top, as
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

const KERNEL_TREES = /^\/(proc|sys)(\/|$)/;

export function mountView(mounts: readonly MountInfo[]): MountView {
  const root = mountAt(mounts, '/');
  const visible = mounts.filter((m, i) => !mounts.slice(i + 1).some((later) => later.mountPoint === m.mountPoint));
  const masked: string[] = [];
  const readOnly: string[] = [];
  for (const m of visible) {
    if (!KERNEL_TREES.test(m.mountPoint) || m.mountPoint === '/proc' || m.mountPoint === '/sys') continue;
    if (isMask(m)) masked.push(m.mountPoint);
    else if (m.options.includes('ro')) readOnly.push(m.mountPoint);
  }
  return {
    readOnlyRootfs: root ? root.options.includes('ro') : unknown('no mount at / in /proc/PID/mountinfo (the root is outside this mount namespace\'s view)'),
    mounts: visible.map((m) => ({
      destination: m.mountPoint,
      source: m.root !== '/' ? m.root : m.source,
      type: m.fsType,
      options: m.options,
      bind: m.root !== '/',
      readOnly: m.options.includes('ro'),
    })),
    maskedPaths: masked,
    readonlyPaths: readOnly,
  };
}

/** runc masks files with a bind of /dev/null and directories with an empty read-only tmpfs. */
function isMask(m: MountInfo): boolean {
  return (m.root === '/null' && (m.fsType === 'devtmpfs' || m.fsType === 'tmpfs'))
    || (m.fsType === 'tmpfs' && m.options.includes('ro') && m.source === 'tmpfs');
}
