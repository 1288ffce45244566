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
import { namespaceFacts } from './namespace-facts.js';
import { cgroupFacts } from './cgroup-facts.js';
import { readMountView } from './read-mount-view.js';
import { threadDifferences } from './read-threads.js';
import { idMaps, lsm, privileged, quad, seccompState } from './process-fields.js';
import type { ScanContext } from './scan-context.js';
import { countUnreadable } from './scan-context.js';
import { isGone, readFailure } from './proc-fs.js';
import { findLauncher } from './launcher.js';

const NO_DEVICES = unknown('the device nodes a live process can open are files under its root; they are not listed');
const NO_SYSCTLS = unknown('the sysctls in force for a process are per network/IPC/UTS namespace and are not read');

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
  const { ids, namespaces, inodes } = namespaceFacts(context, stat.pid);
  const uids = quad(status.get('Uid'));
  const gids = quad(status.get('Gid'));
  const cgroup = cgroupFacts(context, read('cgroup'));
  const memberships = cgroup.memberships;
  const cmdline = read('cmdline');
  const view = readMountView(context, stat.pid, ids.mount);
  const seccomp = seccompState(status);
  const noNewPrivs = status.get('NoNewPrivs');
  const kernelThread = isKernelThread(stat);
  const container = cgroup.container;
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
      namespaceInodes: inodes,
      capLastCap: context.lastCap ?? null,
      capabilityMasks: masks,
      cgroups: memberships,
      limitSources: cgroup.applied.sources,
      ...(launcher ? { launcher } : {}),
      threads: !status.size ? unknown('status: unreadable') : status.get('Threads') === '1' ? [] : threadDifferences(fs, roots.proc, stat.pid, status),
    },
  };
}
