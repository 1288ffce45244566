/**
 * The LSM label a process runs under. AppArmor has its own file
 * (attr/apparmor/current, Linux 5.1+); attr/current is the label of the
 * first major LSM, read as SELinux when selinuxfs is mounted. EINVAL from
 * attr/current means no LSM provides a label: nothing confines the process.
 */
import type { LsmLabels, Maybe } from '../../model/subject.js';
import { unknown } from '../../model/subject.js';
import type { ProcFs } from './proc-fs.js';
import { errnoOf, readFailure } from './proc-fs.js';

function label(fs: ProcFs, path: string): Maybe<string | null> | 'absent' {
  try {
    const text = fs.read(path).replace(/\0/g, '').trim();
    return text === '' ? null : text;
  } catch (error) {
    const code = errnoOf(error);
    if (code === 'ENOENT' || code === 'EINVAL') return 'absent';
    return unknown(`${path.replace(/^.*\/attr\//, '/proc/PID/attr/')}: ${readFailure(error)}`);
  }
}

/** The files under /proc/PID that hold a process's labels: AppArmor's own, then the first major LSM's. */
export const LSM_FILES = ['attr/apparmor/current', 'attr/current'] as const;

export function readLsm(fs: ProcFs, dir: string, selinux: boolean): LsmLabels {
  const apparmor = label(fs, `${dir}/${LSM_FILES[0]}`);
  const current = label(fs, `${dir}/${LSM_FILES[1]}`);
  if (selinux) return { apparmor: apparmor === 'absent' ? null : apparmor, selinux: current === 'absent' ? null : current };
  if (apparmor !== 'absent') return { apparmor, selinux: null };
  // Older kernels: AppArmor labels appear only in attr/current, e.g. "docker-default (enforce)".
  return { apparmor: current === 'absent' ? null : current, selinux: null };
}

/** The AppArmor profile name without its mode: "docker-default (enforce)" → "docker-default". */
export function profileName(value: string): string {
  return value.replace(/\s+\((enforce|complain|kill|unconfined|prompt)\)$/, '');
}
