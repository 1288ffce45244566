/**
 * One process as a Subject of kind `process`. Every field that cannot be
 * read is Unknown with the reason (and counted for the scan's summary).
 * Returns undefined when the process is gone before its status is read.
 */
import type { DeviceRule, IdMapping, LsmLabels, Maybe, SeccompState, Subject } from '../../model/subject.js';
import type { FileId } from './proc-fs.js';
import { isUnknown, unknown } from '../../model/subject.js';
import type { IdQuad } from '../../model/process.js';
import type { ProcStat } from './parse-stat.js';
import { isKernelThread } from './parse-stat.js';
import type { StatusFields } from './parse-status.js';
import { idSet, nsPids, parseStatus } from './parse-status.js';
import { decodeCapabilities } from './read-capabilities.js';
import { compareNamespaces, namespaceInodes, readNamespaceIds } from './read-namespaces.js';
import { parseCgroupFile } from './cgroup-hierarchies.js';
import type { Membership } from './cgroup-hierarchies.js';
import { readDeviceRules } from './read-device-rules.js';
import { readMountView } from './read-mount-view.js';
import { profileName, readLsm } from './read-lsm.js';
import { threadDifferences } from './read-threads.js';
import type { ScanContext } from './scan-context.js';
import { countUnreadable } from './scan-context.js';
import { isGone, readFailure } from './proc-fs.js';

export function readProcess(context: ScanContext, stat: ProcStat): Subject | undefined {
  const { fs, roots } = context;
  const dir = `${roots.proc}/${stat.pid}`;
  const miss = <T>(what: string, reason: string): Maybe<T> => {
    countUnreadable(context, `${what}: ${reason}`);
    return unknown(`${what}: ${reason}`);
  };
  let status: StatusFields;
  try {
    status = parseStatus(fs.read(`${dir}/status`));
  } catch (error) {
    if (isGone(error)) return undefined;
    status = new Map();
    countUnreadable(context, `status: ${readFailure(error)}`);
  }
  const read = (file: string): string | { failure: string } => {
    try {
      return fs.read(`${dir}/${file}`);
    } catch (error) {
      return { failure: readFailure(error) };
    }
  };
  const { capabilities, masks } = decodeCapabilities(status, context.lastCap);
  for (const set of Object.values(capabilities)) if (isUnknown(set)) countUnreadable(context, `capabilities: ${set.reason}`);
  const ids = readNamespaceIds(fs, roots.proc, stat.pid);
  const namespaces = compareNamespaces(ids, context.reference.ids, context.reference.pid);
  for (const ns of Object.values(namespaces)) if (ns.state === 'unknown') countUnreadable(context, `namespaces: ${ns.reason.replace(/^.*: /, '')}`);
  const uids = quad(status.get('Uid'));
  const gids = quad(status.get('Gid'));
  const cgroupText = read('cgroup');
  const memberships: Maybe<Membership[]> = typeof cgroupText === 'string' ? parseCgroupFile(cgroupText) : miss('cgroup', cgroupText.failure);
  const applied = isUnknown(memberships)
    ? { limits: { memory: memberships, pids: memberships, cpu: memberships }, sources: {} }
    : context.limits.applied(memberships);
  for (const value of Object.values(applied.limits)) if (isUnknown(value)) countUnreadable(context, `limits: ${value.reason.replace(/^\S+: /, '')}`);
  const cmdline = read('cmdline');
  const view = readMountView(context, stat.pid, ids.mount);
  const seccomp = seccompState(status);
  const noNewPrivs = status.get('NoNewPrivs');
  const kernelThread = isKernelThread(stat);
  return {
    kind: 'process',
    name: `pid ${stat.pid} (${stat.comm})`,
    file: null,
    pid: stat.pid,
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
    devices: unknown('the device nodes a live process can open are files under its root; they are not listed'),
    deviceRules: isUnknown(memberships) ? memberships : readDeviceRules(context, memberships) as Maybe<readonly DeviceRule[]>,
    sysctls: unknown('the sysctls in force for a process are per network/IPC/UTS namespace and are not read'),
    maskedPaths: view.maskedPaths,
    readonlyPaths: view.readonlyPaths,
    lsm: lsm(context, dir),
    limits: applied.limits,
    annotations: {},
    process: {
      pid: stat.pid,
      ppid: stat.ppid,
      comm: stat.comm,
      command: typeof cmdline === 'string' ? cmdline.split('\0').filter((a, i, all) => a !== '' || i < all.length - 1) : unknown(`cmdline: ${cmdline.failure}`),
      state: stat.state,
      startTime: stat.startTime,
      kernelThread,
      uids,
      gids,
      nsPids: nsPids(status.get('NSpid')),
      reference: context.reference.pid,
      namespaceInodes: namespaceInodes(ids),
      capLastCap: context.lastCap ?? null,
      capabilityMasks: masks,
      cgroups: memberships,
      limitSources: applied.sources,
      threads: !status.size ? unknown('status: unreadable') : status.get('Threads') === '1' ? [] : threadDifferences(fs, roots.proc, stat.pid, status),
    },
  };
}

function quad(value: string | undefined): Maybe<IdQuad> {
  return idSet(value) ?? unknown('Uid/Gid are not readable in /proc/PID/status');
}

function seccompState(status: StatusFields): SeccompState {
  const mode = status.get('Seccomp');
  const filters = Number(status.get('Seccomp_filters'));
  switch (mode) {
    case '0': return { mode: 'disabled' };
    case '1': return { mode: 'strict' };
    case '2': return Number.isInteger(filters) ? { mode: 'filter', filters } : { mode: 'filter' };
    default: return { mode: 'unknown', reason: mode === undefined ? 'Seccomp is not in /proc/PID/status (kernel without CONFIG_SECCOMP, or unreadable)' : `Seccomp is "${mode}"` };
  }
}

type IdMaps = { uidMappings: Maybe<readonly IdMapping[]>; gidMappings: Maybe<readonly IdMapping[]> };

/** The maps are the user namespace's, so they are read once per namespace. */
function idMaps(context: ScanContext, userNs: FileId | { failure: string }, read: (file: string) => string | { failure: string }, miss: <T>(what: string, reason: string) => Maybe<T>): IdMaps {
  const key = 'failure' in userNs ? undefined : `${userNs.dev}:${userNs.ino}`;
  const cached = key === undefined ? undefined : context.idMaps.get(key);
  if (cached) return { uidMappings: cached.uid, gidMappings: cached.gid };
  const maps = { uidMappings: idMap(read('uid_map'), miss), gidMappings: idMap(read('gid_map'), miss) };
  const { uidMappings: uid, gidMappings: gid } = maps;
  if (key !== undefined && !isUnknown(uid) && !isUnknown(gid)) context.idMaps.set(key, { uid, gid });
  return maps;
}

function idMap(text: string | { failure: string }, miss: <T>(what: string, reason: string) => Maybe<T>): Maybe<readonly IdMapping[]> {
  if (typeof text !== 'string') return miss('uid/gid map', text.failure);
  return text.split('\n').map((l) => l.trim().split(/\s+/).map(Number)).filter((f) => f.length === 3 && f.every(Number.isSafeInteger))
    .map(([inside, outside, size]) => ({ containerID: inside!, hostID: outside!, size: size! }));
}

/**
 * "Privileged" as runtimes mean it: every capability effective and no seccomp
 * filter. Derived, so it is only as known as the capabilities and seccomp are.
 */
function privileged(effective: Maybe<readonly string[]>, lastCap: number | undefined, seccomp: SeccompState): Maybe<boolean> {
  if (isUnknown(effective)) return unknown(`the effective capabilities are unknown (${effective.reason})`);
  if (lastCap === undefined) return unknown('cap_last_cap is unreadable, so "every capability" is not known');
  if (effective.length < lastCap + 1) return false;
  if (seccomp.mode === 'unknown') return unknown(`seccomp state unknown (${seccomp.reason})`);
  return seccomp.mode === 'disabled';
}

function lsm(context: ScanContext, dir: string): LsmLabels {
  if (!context.lsmLabels) return { apparmor: null, selinux: null };
  const labels = readLsm(context.fs, dir, context.selinux);
  for (const value of [labels.apparmor, labels.selinux]) if (isUnknown(value)) countUnreadable(context, `lsm: ${value.reason.replace(/^\S+: /, '')}`);
  return { ...labels, apparmor: typeof labels.apparmor === 'string' ? profileName(labels.apparmor) : labels.apparmor };
}
