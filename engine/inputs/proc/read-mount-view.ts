/**
 * A process's mount view, read once per mount namespace and root directory:
 * processes that share both see the same mountinfo.
 */
import type { FileId } from './proc-fs.js';
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
  let view: MountView;
  try {
    view = mountView(parseMountInfo(context.fs.read(`${dir}/mountinfo`)));
  } catch (error) {
    countUnreadable(context, `mountinfo: ${readFailure(error)}`);
    return unknownMountView(readFailure(error));
  }
  if (key !== undefined) context.mountViews.set(key, view);
  return view;
}
