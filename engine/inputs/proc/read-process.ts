/**
 * One process as a Subject of kind `process`. Every field that cannot be
 * read is Unknown with the reason (and counted for the scan's summary).
 * Returns undefined when the process is gone before its status is read.
 */
import type { DeviceRule, Maybe, Subject } from '../../model/subject.js';
import { isUnknown, unknown } from '../../model/subject.js';
import type { ProcStat } from './parse-stat.js';
import { isKernelThread } from './parse-stat.js';
import type { StatusFields } from './parse-status.js';
import { nsPids, parseStatus } from './parse-status.js';
import { decodeCapabilities } from './read-capabilities.js';
import { compareNamespaces, namespaceInodes, readNamespaceIds } from './read-namespaces.js';
import { parseCgroupFile } from './cgroup-hierarchies.js';
import type { Membership } from './cgroup-hierarchies.js';
import { readDeviceRules } from './read-device-rules.js';
import { readMountView } from './read-mount-view.js';
import { threadDifferences } from './read-threads.js';
import { idMaps, lsm, privileged, quad, seccompState } from './process-fields.js';
import type { ScanContext } from './scan-context.js';
import { countUnreadable } from './scan-context.js';
import { isGone, readFailure } from './proc-fs.js';
import { findLauncher } from './launcher.js';

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
  const ids = readNamespaceIds(fs, roots.proc, stat.pid, context.namespaceIds);
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
  const container = isUnknown(memberships) ? undefined : context.containers.identify(memberships);
  // Only a filtered process gets profile advice; the walk up its parents is skipped for the rest.
  const launcher = seccomp.mode === 'filter' ? findLauncher(fs, roots.proc, stat.ppid, context.launchers) : undefined;
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
    ...(container ? { container } : {}),
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
      ...(launcher ? { launcher } : {}),
      threads: !status.size ? unknown('status: unreadable') : status.get('Threads') === '1' ? [] : threadDifferences(fs, roots.proc, stat.pid, status),
    },
  };
}
