/**
 * One process as a Subject of kind `process`. Every field that cannot be
 * read is Unknown with the reason (and counted for the scan's summary).
 * Returns undefined when the process is gone before its status is read.
 * Processes read alike share the objects of their Subjects (see sharedKey).
 */
import type { DeviceRule, Maybe, Subject } from '../../model/subject.js';
import { isUnknown, unknown } from '../../model/subject.js';
import type { ProcStat } from './parse-stat.js';
import { isKernelThread } from './parse-stat.js';
import type { StatusFields } from './parse-status.js';
import { nsPids, parseStatus } from './parse-status.js';
import { decodeCapabilities } from './read-capabilities.js';
import { namespaceFacts } from './namespace-facts.js';
import { cgroupFacts } from './cgroup-facts.js';
import { readMountView } from './read-mount-view.js';
import { threadDifferences } from './read-threads.js';
import { idMaps, lsm, privileged, quad, seccompState } from './process-fields.js';
import type { ScanContext } from './scan-context.js';
import { countUnreadable } from './scan-context.js';
import { isGone, readFailure } from './proc-fs.js';
import { findLauncher } from './launcher.js';
import { NAMESPACE_TYPES, PROC_NS_FILE } from '../../linux/namespaces.js';
import { LSM_FILES } from './read-lsm.js';

const NO_DEVICES = unknown('the device nodes a live process can open are files under its root; they are not listed');
const NO_SYSCTLS = unknown('the sysctls in force for a process are per network/IPC/UTS namespace and are not read');

/**
 * The part of a process's Subject that its raw texts decide, as a whole
 * Subject whose own fields (pid, name, and in `process` the pid, parent,
 * name, command line, state, start time and nested pids) are placeholders,
 * in their places; threads and launcher follow per process. Processes whose
 * texts are equal (a thousand workers of one service) share one, worked out
 * once per scan.
 */
export interface SharedPart {
  readonly subject: Omit<Subject, 'process'> & { readonly process: Omit<ProcessFacts, 'threads' | 'launcher'> };
  readonly status: StatusFields;
  /** The unreadable fields counted while it was worked out, counted again for each process that shares it. */
  readonly counted: readonly (readonly [string, number])[];
}

type ProcessFacts = NonNullable<Subject['process']>;

const NO_THREADS: readonly never[] = Object.freeze([]);

export function readProcess(context: ScanContext, stat: ProcStat): Subject | undefined {
  const { fs, roots } = context;
  const dir = `${roots.proc}/${stat.pid}`;
  let text: string | undefined;
  try {
    text = fs.read(`${dir}/status`);
  } catch (error) {
    if (isGone(error)) return undefined;
    countUnreadable(context, `status: ${readFailure(error)}`);
  }
  const read = (file: string): string | { failure: string } => {
    try {
      return fs.read(`${dir}/${file}`);
    } catch (error) {
      return { failure: readFailure(error) };
    }
  };
  // NSpid differs between any two processes; every other line kept is the same for processes read alike.
  const nsPid = text === undefined ? undefined : cutLine(text, 'NSpid');
  const key = text === undefined ? undefined : sharedKey(context, dir, stat, nsPid?.rest ?? text);
  let shared = key === undefined ? undefined : context.shared.get(key);
  if (shared) {
    for (const [reason, n] of shared.counted) context.unreadable.set(reason, (context.unreadable.get(reason) ?? 0) + n);
  } else {
    const before = new Map(context.unreadable);
    const status = text === undefined ? new Map<string, string>() : parseStatus(text);
    const subject = sharedSubject(context, stat, dir, status, read);
    const counted = [...context.unreadable].flatMap(([reason, n]): [string, number][] => (n > (before.get(reason) ?? 0) ? [[reason, n - (before.get(reason) ?? 0)]] : []));
    shared = { subject, status, counted };
    // The mount view and the id maps are read from this process's own files, so a failed read is its own, not its texts':
    // such a part is not shared. What else is unknown follows from the texts in the key, and is counted again for each process.
    if (key !== undefined && !isUnknown(subject.mounts) && !isUnknown(subject.uidMappings) && !isUnknown(subject.gidMappings)) context.shared.set(key, shared);
  }
  const { subject, status } = shared;
  const cmdline = read('cmdline');
  // Only a filtered process gets profile advice; the walk up its parents is skipped for the rest.
  const launcher = subject.seccomp.mode === 'filter' ? findLauncher(fs, roots.proc, stat.ppid, context.launchers) : undefined;
  // Spread over the shared Subject: its own fields replace the placeholders in place, so the members keep their order.
  return {
    ...subject,
    name: `pid ${stat.pid} (${stat.comm})`,
    pid: stat.pid,
    process: {
      ...subject.process,
      pid: stat.pid,
      ppid: stat.ppid,
      comm: stat.comm,
      command: typeof cmdline === 'string' ? cmdline.split('\0').filter((a, i, all) => a !== '' || i < all.length - 1) : unknown(`cmdline: ${cmdline.failure}`),
      state: stat.state,
      startTime: stat.startTime,
      nsPids: nsPids(nsPid?.value),
      ...(launcher ? { launcher } : {}),
      threads: !status.size ? unknown('status: unreadable') : status.get('Threads') === '1' ? NO_THREADS : threadDifferences(fs, roots.proc, stat.pid, status),
    },
  };
}

/**
 * The `KEY:` line of a status text (at the start of a line: a process's own
 * name, on the Name line, can hold `NSpid:`), its value and the text without it.
 */
function cutLine(text: string, key: string): { value: string; rest: string } | undefined {
  const after = text.startsWith(`${key}:`) ? -1 : text.indexOf(`\n${key}:`);
  if (after < 0 && !text.startsWith(`${key}:`)) return undefined;
  const at = after + 1;
  const end = text.indexOf('\n', at);
  return {
    value: text.slice(at + key.length + 1, end < 0 ? undefined : end).trim(),
    rest: text.slice(0, at) + (end < 0 ? '' : text.slice(end + 1)),
  };
}

/**
 * Every raw text the shared part is worked out from, in order: the status lines
 * kept (but NSpid), the cgroup text, the namespace and root links, the LSM
 * labels and the kernel-thread flag. The mount view, id maps, limits and
 * container follow from these (mount namespace and root, user namespace,
 * cgroup text), as the scan's own caches already assume.
 */
function sharedKey(context: ScanContext, dir: string, stat: ProcStat, status: string): string[] {
  const { fs } = context;
  const key = [isKernelThread(stat) ? 'k' : 'u', status, readOrFailure(fs, `${dir}/cgroup`, false), readOrFailure(fs, `${dir}/root`, true)];
  for (const file of NAMESPACE_FILES) key.push(readOrFailure(fs, `${dir}/ns/${file}`, true));
  if (context.lsmLabels) for (const file of LSM_FILES) key.push(readOrFailure(fs, `${dir}/${file}`, false));
  return key;
}

/** A file's text or a link's target, or the reason it could not be read (marked so it cannot equal a text). */
function readOrFailure(fs: ScanContext['fs'], path: string, link: boolean): string {
  try {
    return link ? fs.readlink(path) : fs.read(path);
  } catch (error) {
    return `\u0001${readFailure(error)}`;
  }
}

const NAMESPACE_FILES = NAMESPACE_TYPES.map((t) => PROC_NS_FILE[t]);

function sharedSubject(context: ScanContext, stat: ProcStat, dir: string, status: StatusFields, read: (file: string) => string | { failure: string }): SharedPart['subject'] {
  const miss = <T>(what: string, reason: string): Maybe<T> => {
    countUnreadable(context, `${what}: ${reason}`);
    return unknown(`${what}: ${reason}`);
  };
  const { capabilities, masks } = decodeCapabilities(status, context.lastCap);
  for (const set of Object.values(capabilities)) if (isUnknown(set)) countUnreadable(context, `capabilities: ${set.reason}`);
  const { ids, namespaces, inodes } = namespaceFacts(context, stat.pid);
  const uids = quad(status.get('Uid'));
  const gids = quad(status.get('Gid'));
  const cgroup = cgroupFacts(context, read('cgroup'));
  const view = readMountView(context, stat.pid, ids.mount);
  const seccomp = seccompState(status);
  const noNewPrivs = status.get('NoNewPrivs');
  const container = cgroup.container;
  return {
    kind: 'process',
    name: '',
    file: null,
    pid: 0,
    os: 'linux',
    capabilities,
    namespaces,
    ...idMaps(context, ids.user, read, miss),
    seccomp,
    noNewPrivileges: noNewPrivs === undefined ? miss('noNewPrivileges', 'NoNewPrivs is not in /proc/PID/status') : noNewPrivs === '1',
    privileged: privileged(capabilities.effective, context.lastCap, seccomp),
    user: {
      uid: isUnknown(uids) ? uids : uids.effective,
      gid: isUnknown(gids) ? gids : gids.effective,
    },
    readOnlyRootfs: view.readOnlyRootfs,
    mounts: view.mounts,
    devices: NO_DEVICES,
    deviceRules: cgroup.deviceRules,
    sysctls: NO_SYSCTLS,
    maskedPaths: view.maskedPaths,
    readonlyPaths: view.readonlyPaths,
    lsm: lsm(context, dir),
    limits: cgroup.applied.limits,
    annotations: {},
    ...(container ? { container } : {}),
    process: {
      pid: 0,
      ppid: 0,
      comm: '',
      command: [],
      state: '',
      startTime: '',
      kernelThread: isKernelThread(stat),
      uids,
      gids,
      nsPids: [],
      reference: context.reference.pid,
      namespaceInodes: inodes,
      capLastCap: context.lastCap ?? null,
      capabilityMasks: masks,
      cgroups: cgroup.memberships,
      limitSources: cgroup.applied.sources,
    },
  };
}
