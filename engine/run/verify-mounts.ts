/**
 * After exec: the command's mounts against the plan's filesystem view, from
 * its /proc/PID/mountinfo. / must be mounted read-only where planned, each
 * masked path must show a mask on top (a /dev/null bind or an empty
 * read-only tmpfs, read-mounts.ts), each read-only path a read-only mount.
 * A path with no mount is a problem unless the command's view has no such
 * path (the addon skips a path that is not there: nothing to hide).
 */
import { existsSync, readFileSync } from 'node:fs';
import { mountAt, parseMountInfo } from '../inputs/proc/parse-mountinfo.js';
import { isMask } from '../inputs/proc/read-mounts.js';
import type { IsolationPlan } from '../../enforcer/isolation-plan.js';

export function mountProblems(pid: number, who: string, plan: IsolationPlan): string[] {
  if (!plan.readOnlyRoot && plan.maskedPaths.length === 0 && plan.readonlyPaths.length === 0) return [];
  const mounts = parseMountInfo(readFileSync(`/proc/${pid}/mountinfo`, 'utf8'));
  const there = (path: string): boolean => existsSync(`/proc/${pid}/root${path}`);
  const problems: string[] = [];
  if (plan.readOnlyRoot && !mountAt(mounts, '/')?.options.includes('ro')) problems.push(`${who} / is mounted read-write, planned read-only`);
  for (const { path } of plan.maskedPaths) {
    const top = mountAt(mounts, path);
    if (top ? !isMask(top) : there(path)) problems.push(`${who} ${path} is not masked, planned masked`);
  }
  for (const path of plan.readonlyPaths) {
    const top = mountAt(mounts, path);
    if (top ? !top.options.includes('ro') : there(path)) problems.push(`${who} ${path} is writable, planned read-only`);
  }
  return problems;
}
