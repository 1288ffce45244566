/**
 * Where compiled programs are found: the programs shipped with the package
 * (dist/bpf/index.json, compiled at build time for the built-in profiles) and
 * a per-user cache (XDG_CACHE_HOME/caplint/bpf, one file per key, owner-only).
 * Nothing read here is trusted unless it verifies: a shipped or cached entry
 * whose length or hash does not match its program is ignored, and a cache
 * file or folder that someone else owns or could write is never read.
 */
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { packagePath } from '../../paths.js';
import { storeProgram, verifiedProgram } from './entry.js';
import type { ProgramStats, StoredProgram } from './entry.js';
import type { Sha256 } from './sha256.js';

export interface ShippedIndex {
  readonly compilerId: string;
  readonly programs: Readonly<Record<string, StoredProgram>>;
}

let shipped: ShippedIndex | null | undefined;

/** dist/bpf/index.json, or null when the package was not built with it. */
export function shippedIndex(): ShippedIndex | null {
  if (shipped !== undefined) return shipped;
  try {
    const value = JSON.parse(readFileSync(packagePath('dist', 'bpf', 'index.json'), 'utf8')) as Partial<ShippedIndex>;
    shipped = typeof value.compilerId === 'string' && value.programs && typeof value.programs === 'object' ? (value as ShippedIndex) : null;
  } catch {
    shipped = null;
  }
  return shipped;
}

/** The user's cache folder for compiled programs, or null when there is no home to put it in. */
export function defaultCacheDir(env: Readonly<Record<string, string | undefined>>): string | null {
  const base = env.XDG_CACHE_HOME?.startsWith('/') ? env.XDG_CACHE_HOME : env.HOME?.startsWith('/') ? join(env.HOME, '.cache') : null;
  return base ? join(base, 'caplint', 'bpf') : null;
}

const MAX_ENTRY_BYTES = 128 * 1024;
const uid = (): number => process.geteuid?.() ?? -1;
const ownedAndClosed = (st: { uid: number; mode: number }): boolean => st.uid === uid() && (st.mode & 0o022) === 0;

/** The folder and its parent are directories of ours that nobody else can write. */
function safeFolder(dir: string): boolean {
  try {
    return [dir, dirname(dir)].every((d) => {
      const st = lstatSync(d);
      return st.isDirectory() && ownedAndClosed(st);
    });
  } catch {
    return false;
  }
}

export type CacheRead = { status: 'hit'; entry: StoredProgram; program: Uint8Array } | { status: 'miss' | 'rejected' | 'unsafe' };

/** The cached entry for `key`, verified; `rejected` when a file is there but does not verify. */
export function readCached(dir: string, key: string, sha256?: Sha256): CacheRead {
  if (!safeFolder(dir)) return { status: 'unsafe' };
  let fd: number;
  try {
    fd = openSync(join(dir, `${key}.json`), constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    return { status: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'miss' : 'rejected' };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || !ownedAndClosed(st) || st.size > MAX_ENTRY_BYTES) return { status: 'rejected' };
    const verified = verifiedProgram(JSON.parse(readFileSync(fd, 'utf8')), key, sha256);
    return verified ? { status: 'hit', ...verified } : { status: 'rejected' };
  } catch {
    return { status: 'rejected' };
  } finally {
    closeSync(fd);
  }
}

/** Writes the entry atomically (a private temporary file renamed over the key). Failures are silent: the cache is an optimisation. */
export function writeCached(dir: string, key: string, program: Uint8Array, tableFlags: readonly string[], stats: ProgramStats, sha256?: Sha256): boolean {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!safeFolder(dir)) return false;
    // Unique enough in a folder only we can write; 'wx' refuses a name already taken (and that write is skipped).
    const temporary = join(dir, `.${key}.${process.pid}.${process.hrtime.bigint().toString(36)}.tmp`);
    try {
      writeFileSync(temporary, JSON.stringify(storeProgram(key, program, tableFlags, stats, sha256)), { mode: 0o600, flag: 'wx' });
      renameSync(temporary, join(dir, `${key}.json`));
    } catch (error) {
      try { unlinkSync(temporary); } catch { /* already gone */ }
      throw error;
    }
    return true;
  } catch {
    return false;
  }
}
