/**
 * After exec: the command's namespaces and cgroups against the plan. Like
 * the capability check (enforcer/verify.ts) it is one-sided: a namespace
 * planned new must differ from caplint's own (/proc/PID/ns/* inodes), each
 * cgroup planned must be the one the command is in, and each limit file
 * must hold what was written, and the mounts must show the planned
 * filesystem view (verify-mounts.ts) and the id maps the planned lines
 * (verify-id-maps.ts). A command that isolates itself further is
 * not less confined than planned. A command that has already exited (a
 * zombie has no namespaces left to read) is checked through the pid
 * namespace's init, which it inherited them and its cgroups from; without
 * one, only the limit files are checked.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseCgroupFile } from '../inputs/proc/cgroup-hierarchies.js';
import type { IsolationPlan, NamespaceKind } from '../../enforcer/isolation-plan.js';
import type { LaunchCgroup } from './cgroup/launch-cgroup.js';
import { mountProblems } from './verify-mounts.js';
import { idMapProblems } from './verify-id-maps.js';

const NS_FILE: Readonly<Record<NamespaceKind, string>> = { user: 'user', pid: 'pid', mount: 'mnt', net: 'net', ipc: 'ipc', uts: 'uts', cgroup: 'cgroup' };

function sameNamespace(pid: number, kind: NamespaceKind): boolean {
  const theirs = statSync(`/proc/${pid}/ns/${NS_FILE[kind]}`);
  const ours = statSync(`/proc/self/ns/${NS_FILE[kind]}`);
  return theirs.ino === ours.ino && theirs.dev === ours.dev;
}

/** v1 rounds memory limits down to whole pages. */
function holds(written: string, read: string, file: string): boolean {
  if (written === read) return true;
  return file.startsWith('memory.') && /^\d+$/.test(written) && Number(read) === Math.floor(Number(written) / 4096) * 4096;
}

/** ENOENT: exited. EINVAL: the mountinfo of a task that has left its namespaces. EACCES: the init, which is not dumpable, read by an unprivileged caplint. */
const gone = (error: unknown): boolean => ['ENOENT', 'EINVAL', 'EACCES'].includes((error as NodeJS.ErrnoException).code ?? '');

function membershipProblems(pid: number, who: string, cgroup: LaunchCgroup): string[] {
  const memberships = parseCgroupFile(readFileSync(`/proc/${pid}/cgroup`, 'utf8'));
  const problems: string[] = [];
  for (const c of cgroup.cgroups) {
    const first = c.place.controllers[0]!;
    const m = memberships.find((x) => x.version === c.place.version && (x.version === 2 || x.controllers.includes(first)));
    if (m?.path !== c.path) problems.push(`${who} ${c.place.version === 1 ? `${first} ` : ''}cgroup is ${m?.path ?? 'unknown'}, planned ${c.path}`);
  }
  return problems;
}

/** The command's namespaces and cgroups; if it has already exited (an exiting task drops its namespaces first), its init's. */
function processProblems(pid: number, initPid: number | null, plan: IsolationPlan, cgroup: LaunchCgroup | null): string[] {
  for (const [subject, who] of [[pid, 'its'], [initPid, "its init's"]] as const) {
    if (subject === null) return [];
    try {
      const problems = plan.namespaces.filter((kind) => sameNamespace(subject, kind)).map((kind) => `${who} ${kind} namespace is caplint's own, planned a new one`);
      if (cgroup) problems.push(...membershipProblems(subject, who, cgroup));
      problems.push(...mountProblems(subject, who, plan), ...idMapProblems(subject, who, plan));
      // An exiting task shows / as its cgroups: look again, at the init, if it exited meanwhile.
      if (problems.length === 0 || !exited(subject)) return problems;
    } catch (error) {
      if (!gone(error)) throw error;
    }
  }
  return [];
}

function exited(pid: number): boolean {
  try {
    statSync(`/proc/${pid}/ns/mnt`);
    return /^State:\s+[ZX]/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch (error) {
    if (gone(error)) return true;
    throw error;
  }
}

export function verifyIsolation(pid: number, plan: IsolationPlan, cgroup: LaunchCgroup | null, initPid: number | null = null): string[] {
  const problems = processProblems(pid, initPid, plan, cgroup);
  for (const c of cgroup?.cgroups ?? []) {
    for (const { file, value } of c.written) {
      const read = readFileSync(join(c.dir, file), 'utf8').trim();
      if (!holds(value, read, file)) problems.push(`${join(c.dir, file)} holds ${read}, planned ${value}`);
    }
  }
  return problems;
}
