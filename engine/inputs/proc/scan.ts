/**
 * Scan /proc: every process (or the ones asked for, or one cgroup's) as a
 * located Subject. Processes that exit mid-scan are dropped; a pid whose
 * start time changed between the first and last read was reused and is
 * dropped too; both are counted in the summary, with every field that could
 * not be read, by reason.
 */
import type { InputError } from '../../model/finding.js';
import type { LocatedSubject } from '../../model/located.js';
import type { ProcFs, ProcRoots } from './proc-fs.js';
import { DEFAULT_ROOTS, isGone, nodeProcFs, readFailure } from './proc-fs.js';
import type { ProcStat } from './parse-stat.js';
import { isKernelThread, isZombie, parseStat } from './parse-stat.js';
import { parseCgroupFile } from './cgroup-hierarchies.js';
import type { ScanContext } from './scan-context.js';
import { createContext } from './create-context.js';
import { readProcess } from './read-process.js';
import { procMountNotes } from './proc-mount-notes.js';
import type { ReadProcFiles } from './prefetch.js';
import { prefetchedFs } from './prefetch.js';

export interface ScanOptions {
  readonly fs?: ProcFs;
  readonly roots?: ProcRoots;
  /** Only these pids (kernel threads and zombies included when named). */
  readonly pids?: readonly number[];
  /** Only processes in this cgroup or below it (a path as /proc/PID/cgroup prints it). */
  readonly cgroup?: string;
  /** The process whose namespaces count as the host's (default 1). */
  readonly reference?: number;
  /** Include kernel threads and zombies. */
  readonly all?: boolean;
  /** Reads every process's files in one batch (the addon's); without it each file is read on its own. */
  readonly readFiles?: ReadProcFiles;
}

export interface ScanSummary {
  readonly processes: number;
  readonly skipped: Readonly<Record<string, number>>;
  readonly unreadable: Readonly<Record<string, number>>;
  readonly notes: readonly string[];
}

export interface ScanResult {
  readonly subjects: LocatedSubject[];
  readonly errors: InputError[];
  readonly summary: ScanSummary;
}

/** A scan whose context is made and whose batch read (with the addon) is under way. */
export interface StartedScan {
  readonly context: ScanContext;
}

/**
 * Makes the scan's context and starts the addon's batch read, which goes on
 * in the addon's threads while the caller does other work (loads its rules);
 * scanProcesses with the same options then takes it up.
 */
export function startScan(options: ScanOptions = {}): StartedScan {
  const roots = options.roots ?? DEFAULT_ROOTS;
  const direct = createContext(options.fs ?? nodeProcFs, roots, options.reference);
  const skipKernelThreads = options.pids === undefined && !options.all;
  return { context: options.readFiles ? { ...direct, fs: prefetchedFs(direct, options.readFiles, options.pids, skipKernelThreads) } : direct };
}

export function scanProcesses(options: ScanOptions = {}, started: StartedScan = startScan(options)): ScanResult {
  const roots = options.roots ?? DEFAULT_ROOTS;
  const { context } = started;
  const fs = context.fs;
  const skipped = new Map<string, number>();
  const skip = (reason: string) => skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
  const errors: InputError[] = [];
  const subjects: LocatedSubject[] = [];
  const explicit = options.pids !== undefined;
  const cgroup = options.cgroup === undefined ? undefined : cgroupPathOf(options.cgroup, context.hierarchies);
  const readStat = statReader(fs, roots.proc);
  for (const pid of options.pids ?? listPids(fs, roots.proc)) {
    const first = readStat(pid);
    if (typeof first === 'string') {
      if (explicit) errors.push({ file: `pid ${pid}`, line: null, column: null, message: `cannot read process ${pid}: ${first}` });
      else skip(first === 'no such process' ? 'exited before it was read' : `unreadable: ${first}`);
      continue;
    }
    if (!explicit && !options.all && isKernelThread(first)) { skip('kernel thread'); continue; }
    if (!explicit && !options.all && isZombie(first)) { skip('zombie'); continue; }
    if (cgroup !== undefined && !inCgroup(fs, roots.proc, pid, cgroup)) continue;
    const subject = readProcess(context, first);
    const last = readStat(pid);
    if (subject === undefined || last === 'no such process') {
      if (explicit) errors.push({ file: `pid ${pid}`, line: null, column: null, message: `process ${pid} exited while it was being read` });
      else skip('exited during the scan');
      continue;
    }
    if (typeof last !== 'string' && last.startTime !== first.startTime) {
      if (explicit) errors.push({ file: `pid ${pid}`, line: null, column: null, message: `pid ${pid} was reused by another process while it was being read` });
      else skip('pid reused during the scan');
      continue;
    }
    subjects.push({ subject, document: null, locate: () => null });
  }
  return {
    subjects,
    errors,
    summary: {
      processes: subjects.length,
      skipped: Object.fromEntries(skipped),
      unreadable: Object.fromEntries([...context.unreadable].sort((a, b) => b[1] - a[1])),
      notes: [...context.reference.notes, ...procMountNotes(fs, roots)],
    },
  };
}

function listPids(fs: ProcFs, procRoot: string): number[] {
  return fs.list(procRoot).filter((n) => /^\d+$/.test(n)).map(Number).sort((a, b) => a - b);
}

/** Reads and parses /proc/PID/stat; a text equal to the one read just before (a process's second read, unchanged) is not parsed again. */
function statReader(fs: ProcFs, procRoot: string): (pid: number) => ProcStat | string {
  let previous: { text: string; stat: ProcStat | string } | undefined;
  return (pid) => {
    let text: string;
    try {
      text = fs.read(`${procRoot}/${pid}/stat`);
    } catch (error) {
      return isGone(error) ? 'no such process' : readFailure(error);
    }
    if (previous?.text !== text) previous = { text, stat: parseStat(text) ?? 'unparsable /proc/PID/stat' };
    return previous.stat;
  };
}

/** `--cgroup` as a cgroup path; a directory under a mounted hierarchy (/sys/fs/cgroup/memory/web) is turned into one (/web). */
function cgroupPathOf(given: string, hierarchies: ScanContext['hierarchies']): string {
  for (const h of hierarchies) {
    if (given !== h.dir && !given.startsWith(`${h.dir}/`)) continue;
    const relative = given.slice(h.dir.length) || '/';
    return h.root === '/' ? relative : `${h.root}${relative === '/' ? '' : relative}`;
  }
  return given;
}

function inCgroup(fs: ProcFs, procRoot: string, pid: number, cgroup: string): boolean {
  const want = cgroup.replace(/\/+$/, '') || '/';
  try {
    return parseCgroupFile(fs.read(`${procRoot}/${pid}/cgroup`))
      .some((m) => want === '/' || m.path === want || m.path.startsWith(`${want}/`));
  } catch {
    return false;
  }
}
