/**
 * A compiled program by key: shipped with the package, else from the user's
 * cache, else compiled now (and cached). The caller compiles; this module
 * only decides where a program comes from.
 */
import { shippedIndex, readCached, writeCached } from './store.js';
import { verifiedProgram } from './entry.js';
import type { ProgramStats } from './entry.js';
import type { Sha256 } from './sha256.js';

export interface Compiled {
  readonly program: Uint8Array;
  readonly tableFlags: readonly string[];
  readonly stats: ProgramStats;
  /** shipped: compiled at package build; cached: an earlier launch; compiled: just now. */
  readonly origin: 'shipped' | 'cached' | 'compiled';
}

export interface CacheOptions {
  /** The user's cache folder; null: no user cache (`--no-cache`, or no home). */
  readonly dir: string | null;
  /** How keys and entries are hashed (engine/run/bpf-cache/sha256.ts); node:crypto's when absent. */
  readonly sha256?: Sha256;
}

/** The compiler identity of this build, or null when programs cannot be reused (no shipped index). */
export function compilerId(): string | null {
  return shippedIndex()?.compilerId ?? null;
}

export function findOrCompile(key: string | null, cache: CacheOptions, compileNow: () => Omit<Compiled, 'origin'>): Compiled {
  if (key === null) return { ...compileNow(), origin: 'compiled' };
  const shipped = verifiedProgram(shippedIndex()?.programs[key], key, cache.sha256);
  if (shipped) return { program: shipped.program, tableFlags: shipped.entry.tableFlags, stats: shipped.entry.stats, origin: 'shipped' };
  if (cache.dir) {
    const read = readCached(cache.dir, key, cache.sha256);
    if (read.status === 'hit') return { program: read.program, tableFlags: read.entry.tableFlags, stats: read.entry.stats, origin: 'cached' };
  }
  const fresh = compileNow();
  if (cache.dir) writeCached(cache.dir, key, fresh.program, fresh.tableFlags, fresh.stats, cache.sha256);
  return { ...fresh, origin: 'compiled' };
}
