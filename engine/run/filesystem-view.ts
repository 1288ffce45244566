/**
 * A profile's `filesystem` as mounts of the launch's mount namespace: each
 * masked path covered the way runtimes do it (a file by a read-only bind of
 * /dev/null, a directory by an empty read-only tmpfs), each read-only path
 * bound onto itself read-only, and / remounted read-only. Which of the two a
 * masked path gets is decided here, from what the path is on this host; a
 * path the host does not have is left out (nothing there to hide).
 */
import { statSync } from 'node:fs';
import type { MaskedPath } from '../../enforcer/isolation-plan.js';
import type { IsolationRequest } from './isolation-intent.js';

export type PathKind = 'directory' | 'file' | 'absent';

export function pathKind(path: string): PathKind {
  const st = statSync(path, { throwIfNoEntry: false });
  return st === undefined ? 'absent' : st.isDirectory() ? 'directory' : 'file';
}

export interface FilesystemMounts {
  readonly readOnlyRoot: boolean;
  readonly maskedPaths: readonly MaskedPath[];
  readonly readonlyPaths: readonly string[];
}

export function filesystemMounts(request: IsolationRequest['filesystem'], kindOf: (path: string) => PathKind = pathKind): FilesystemMounts {
  const maskedPaths: MaskedPath[] = [];
  for (const path of request.maskedPaths) {
    const kind = kindOf(path);
    if (kind !== 'absent') maskedPaths.push({ path, directory: kind === 'directory' });
  }
  return {
    readOnlyRoot: request.readOnlyRoot,
    maskedPaths,
    readonlyPaths: request.readonlyPaths.filter((path) => kindOf(path) !== 'absent'),
  };
}

/** Whether the profile asks for any mount at all (then the launch needs a mount namespace). */
export function wantsMounts(request: IsolationRequest['filesystem']): boolean {
  return request.readOnlyRoot || request.maskedPaths.length > 0 || request.readonlyPaths.length > 0;
}
