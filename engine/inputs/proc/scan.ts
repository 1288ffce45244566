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
import { DEFAULT_ROOTS, errnoOf, isGone, nodeProcFs, readFailure } from './proc-fs.js';
import type { ProcStat } from './parse-stat.js';
import { isKernelThread, isZombie, parseStat } from './parse-stat.js';
import { parseLastCap } from './read-capabilities.js';
import { readNamespaceIds } from './read-namespaces.js';
import { LimitReader } from './read-limits.js';
import { cgroupHierarchies, parseCgroupFile } from './cgroup-hierarchies.js';
import { parseMountInfo } from './parse-mountinfo.js';
import type { ScanContext } from './scan-context.js';
import { countUnreadable } from './scan-context.js';
import { readProcess } from './read-process.js';
import { procMountNotes } from './proc-mount-notes.js';

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

export function scanProcesses(options: ScanOptions = {}): ScanResult {
  const fs = options.fs ?? nodeProcFs;
  const roots = options.roots ?? DEFAULT_ROOTS;
  const context = createContext(fs, roots, options.reference);
  const skipped = new Map<string, number>();
  const skip = (reason: string) => skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
  const errors: InputError[] = [];
  const subjects: LocatedSubject[] = [];
  const explicit = options.pids !== undefined;
  for (const pid of options.pids ?? listPids(fs, roots.proc)) {
    const first = readStat(fs, roots.proc, pid);
    if (typeof first === 'string') {
      if (explicit) errors.push({ file: `pid ${pid}`, line: null, column: null, message: `cannot read process ${pid}: ${first}` });
      else skip(first === 'no such process' ? 'exited before it was read' : `unreadable: ${first}`);
      continue;
    }
    if (!explicit && !options.all && isKernelThread(first)) { skip('kernel thread'); continue; }
    if (!explicit && !options.all && isZombie(first)) { skip('zombie'); continue; }
    if (options.cgroup !== undefined && !inCgroup(fs, roots.proc, pid, options.cgroup)) continue;
    const subject = readProcess(context, first);
    const last = readStat(fs, roots.proc, pid);
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

function createContext(fs: ProcFs, roots: ProcRoots, requested: number | undefined): ScanContext {
  const unreadable = new Map<string, number>();
  let lastCapText: string | undefined;
  try {
    lastCapText = fs.read(`${roots.proc}/sys/kernel/cap_last_cap`);
  } catch (error) {
    unreadable.set(`cap_last_cap: ${readFailure(error)}`, 1);
  }
  let mounts: ReturnType<typeof parseMountInfo> = [];
  try {
    mounts = parseMountInfo(fs.read(`${roots.proc}/self/mountinfo`));
  } catch (error) {
    unreadable.set(`the reader's own mountinfo (cgroup mounts): ${readFailure(error)}`, 1);
  }
  const hierarchies = cgroupHierarchies(mounts, roots.sys);
  const context: ScanContext = {
    fs, roots, hierarchies, unreadable,
    lastCap: parseLastCap(lastCapText),
    reference: chooseReference(fs, roots.proc, requested),
    limits: new LimitReader(fs, hierarchies),
    mountViews: new Map(),
    selinux: mounts.some((m) => m.fsType === 'selinuxfs'),
    lsmLabels: lsmLabels(fs, roots.proc),
    idMaps: new Map(),
    deviceRules: new Map(),
  };
  for (const id of Object.values(context.reference.ids)) if ('failure' in id) countUnreadable(context, `reference namespaces: ${id.failure}`);
  return context;
}

/**
 * The reference is PID 1 unless asked otherwise. When PID 1's namespaces are
 * unreadable (a ptrace check on a more privileged init), kthreadd (PID 2)
 * stands in: kernel threads always live in the initial namespaces.
 */
function chooseReference(fs: ProcFs, procRoot: string, requested: number | undefined): ScanContext['reference'] {
  const pid = requested ?? 1;
  const ids = readNamespaceIds(fs, procRoot, pid);
  const failed = Object.values(ids).filter((id) => 'failure' in id);
  if (requested !== undefined || failed.length === 0) return { pid, ids, notes: [] };
  const kthreadd = readNamespaceIds(fs, procRoot, 2);
  if (Object.values(kthreadd).some((id) => 'failure' in id)) return { pid, ids, notes: [] };
  const reason = 'failure' in failed[0]! ? failed[0].failure : '';
  return { pid: 2, ids: kthreadd, notes: [`PID 1's namespaces are unreadable (${reason}); namespaces are compared with PID 2 (kthreadd), which lives in the initial namespaces`] };
}

/** attr/current answers EINVAL when no LSM provides labels; that holds for every process alike. */
function lsmLabels(fs: ProcFs, procRoot: string): boolean {
  try {
    fs.read(`${procRoot}/self/attr/current`);
    return true;
  } catch (error) {
    return errnoOf(error) !== 'EINVAL';
  }
}

function listPids(fs: ProcFs, procRoot: string): number[] {
  return fs.list(procRoot).filter((n) => /^\d+$/.test(n)).map(Number).sort((a, b) => a - b);
}

function readStat(fs: ProcFs, procRoot: string, pid: number): ProcStat | string {
  try {
    return parseStat(fs.read(`${procRoot}/${pid}/stat`)) ?? 'unparsable /proc/PID/stat';
  } catch (error) {
    return isGone(error) ? 'no such process' : readFailure(error);
  }
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
