/**
 * A process's mount view, read once per mount namespace and root directory:
 * processes that share both see the same mountinfo.
 */
import type { FileId } from './proc-fs.js';
import { DEFAULT_MASKED_PATHS, DEFAULT_READONLY_PATHS } from '../../linux/masked-paths.js';
import { readFailure } from './proc-fs.js';
import { parseMountInfo } from './parse-mountinfo.js';
import type { MountView } from './read-mounts.js';
import { mountView, unknownMountView } from './read-mounts.js';
import type { ScanContext } from './scan-context.js';
import { countUnreadable } from './scan-context.js';

export function readMountView(context: ScanContext, pid: number, mountNs: FileId | { failure: string }): MountView {
  const dir = `${context.roots.proc}/${pid}`;
  let key: string | undefined;
  if (!('failure' in mountNs)) {
    try {
      key = `${mountNs.dev}:${mountNs.ino}:${context.fs.readlink(`${dir}/root`)}`;
    } catch {
      key = undefined; // root link unreadable: the view cannot be shared safely
    }
  }
  const cached = key === undefined ? undefined : context.mountViews.get(key);
  if (cached) return cached;
  const reference = context.reference.ids.mount;
  const isolated = !('failure' in mountNs) && !('failure' in reference) && (mountNs.dev !== reference.dev || mountNs.ino !== reference.ino);
  let view: MountView;
  try {
    view = mountView(parseMountInfo(context.fs.read(`${dir}/mountinfo`)), isolated ? { mounts: context.hostMounts, absent: absentMasked(context) } : undefined);
  } catch (error) {
    countUnreadable(context, `mountinfo: ${readFailure(error)}`);
    return unknownMountView(readFailure(error));
  }
  if (key !== undefined) context.mountViews.set(key, view);
  return view;
}

/** Default masked and read-only paths this host does not have: a mask cannot be missing on what does not exist. */
function absentMasked(context: ScanContext): readonly string[] {
  context.absentMasked ??= [...DEFAULT_MASKED_PATHS, ...DEFAULT_READONLY_PATHS].filter((path) => {
    const local = path.startsWith('/proc/') ? `${context.roots.proc}${path.slice(5)}` : `${context.roots.sys}${path.slice(4)}`;
    try {
      context.fs.id(local);
      return false;
    } catch {
      return true;
    }
  });
  return context.absentMasked;
}
