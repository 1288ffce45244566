/**
 * Threads whose credentials differ from their thread-group leader's. The
 * kernel keeps credentials per thread: glibc's setuid() changes all threads,
 * but a raw syscall, capset(2) or a per-thread seccomp filter changes one.
 */
import type { Maybe } from '../../model/subject.js';
import { unknown } from '../../model/subject.js';
import type { ThreadDifference } from '../../model/process.js';
import type { ProcFs } from './proc-fs.js';
import { isGone, readFailure } from './proc-fs.js';
import type { StatusFields } from './parse-status.js';
import { parseStatus } from './parse-status.js';

export const CREDENTIAL_FIELDS = ['Uid', 'Gid', 'Groups', 'CapInh', 'CapPrm', 'CapEff', 'CapBnd', 'CapAmb', 'NoNewPrivs', 'Seccomp', 'Seccomp_filters'] as const;

export function threadDifferences(fs: ProcFs, procRoot: string, pid: number, leader: StatusFields): Maybe<ThreadDifference[]> {
  let tids: string[];
  try {
    tids = fs.list(`${procRoot}/${pid}/task`);
  } catch (error) {
    return unknown(`/proc/PID/task: ${readFailure(error)}`);
  }
  const differences: ThreadDifference[] = [];
  for (const name of tids) {
    const tid = Number(name);
    if (!Number.isInteger(tid) || tid === pid) continue;
    let status: StatusFields;
    try {
      status = parseStatus(fs.read(`${procRoot}/${pid}/task/${tid}/status`));
    } catch (error) {
      if (isGone(error)) continue; // the thread exited meanwhile
      return unknown(`/proc/PID/task/${tid}/status: ${readFailure(error)}`);
    }
    const fields = CREDENTIAL_FIELDS.filter((f) => status.get(f) !== leader.get(f));
    if (fields.length) differences.push({ tid, fields });
  }
  return differences;
}
