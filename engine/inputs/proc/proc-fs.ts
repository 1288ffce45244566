/**
 * The file access the /proc reader needs, injected so tests can hand it a
 * fake tree (and fake permission errors). Reads are synchronous: /proc files
 * are tiny and generated on read, and a scan of thousands of processes is
 * faster without a trip through the thread pool per file.
 */
import { readFileSync, readdirSync, readlinkSync, statSync } from 'node:fs';

export interface FileId {
  readonly dev: number;
  readonly ino: number;
}

export interface ProcFs {
  /** Whole file as UTF-8; throws an errno error (ENOENT, EACCES, ESRCH, ...). */
  read(path: string): string;
  /** Entry names of a directory. */
  list(path: string): string[];
  /** stat(2), following links: the (dev, inode) pair identifies a namespace. */
  id(path: string): FileId;
  readlink(path: string): string;
}

export interface ProcRoots {
  /** Where procfs is mounted (normally /proc). */
  readonly proc: string;
  /** Where sysfs is mounted (normally /sys); cgroup mount points under /sys are read below it. */
  readonly sys: string;
}

export const DEFAULT_ROOTS: ProcRoots = { proc: '/proc', sys: '/sys' };

export const nodeProcFs: ProcFs = {
  read: (path) => readFileSync(path, 'utf8'),
  list: (path) => readdirSync(path),
  id: (path) => {
    const s = statSync(path);
    return { dev: s.dev, ino: s.ino };
  },
  readlink: (path) => readlinkSync(path),
};

/** errno code of a thrown fs error, or undefined. */
export function errnoOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** The process is gone (exited, or reaped between two reads). */
export function isGone(error: unknown): boolean {
  const code = errnoOf(error);
  return code === 'ENOENT' || code === 'ESRCH';
}

/** A short reason for a failed read, for Unknown values and the summary. */
export function readFailure(error: unknown): string {
  switch (errnoOf(error)) {
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'ENOENT': return 'not present';
    case 'ESRCH': return 'the process exited';
    case 'EINVAL': return 'not supported by this kernel';
    default: return error instanceof Error ? error.message : String(error);
  }
}
