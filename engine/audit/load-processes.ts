/**
 * Live processes → located Subjects, for `caplint ps` and `caplint audit
 * --pid`. The /proc reader is imported here only, so file audits never load it.
 */
import type { LiveSummary } from '../model/finding.js';
import type { InputError } from '../model/finding.js';
import type { LocatedSubject } from '../model/located.js';
import type { ScanOptions, StartedScan } from '../inputs/proc/scan.js';
import { UsageError } from '../errors.js';

export interface LoadedProcesses {
  readonly subjects: LocatedSubject[];
  readonly errors: InputError[];
  readonly live: LiveSummary;
}

export interface LiveOptions extends ScanOptions {
  /** Dump and emulate the seccomp filters of processes that have one (default true). */
  readonly filters?: boolean;
  /** Read the files of every process in one call to the addon when it loads (default true). */
  readonly batch?: boolean;
}

/** A live scan under way: its reads go on in the addon's threads until loadProcesses takes them up. */
export interface StartedLiveScan {
  readonly options: ScanOptions;
  readonly started: StartedScan;
}

/** Starts reading /proc (with the addon, in its threads) so the caller can load its rules meanwhile; give the result to loadProcesses. */
export async function startLiveScan(options: LiveOptions): Promise<StartedLiveScan> {
  const { startScan } = await import('../inputs/proc/scan.js');
  // The addon reads every process's files in one batch when it loads; a scan of a given tree (options.fs) reads that tree.
  const readFiles = options.fs || options.batch === false ? undefined : (await import('../../enforcer/proc-files.js')).nativeProcFiles();
  const scan = { ...options, ...(readFiles ? { readFiles } : {}) };
  return { options: scan, started: startScan(scan) };
}

export async function loadProcesses(options: LiveOptions, live?: StartedLiveScan): Promise<LoadedProcesses> {
  const { scanProcesses } = await import('../inputs/proc/scan.js');
  const { options: scan, started } = live ?? (await startLiveScan(options));
  const result = scanProcesses(scan, started);
  let subjects = result.subjects;
  if (options.filters !== false) {
    const { withReachableSyscalls } = await import('./live-seccomp.js');
    subjects = await withReachableSyscalls(subjects, options.roots?.proc);
  }
  return { subjects, errors: result.errors, live: result.summary };
}

/** `--pid 12 --pid 13,14` → [12, 13, 14]. */
export function parsePids(flag: string, values: readonly string[] | undefined): number[] | undefined {
  if (values === undefined) return undefined;
  const pids = values.flatMap((v) => v.split(',')).map((v) => v.trim());
  for (const p of pids) if (!/^[1-9]\d{0,9}$/.test(p)) throw new UsageError(`--${flag} takes process ids (positive whole numbers); got "${p}"`);
  return [...new Set(pids.map(Number))];
}
