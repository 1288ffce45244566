/**
 * After exec: the user namespace's uid_map and gid_map, as caplint reads
 * them from outside, against the plan: exactly the one line planned (a
 * namespace with more mapped than planned would give the command ids, and
 * so files, it was not meant to have).
 */
import { readFileSync } from 'node:fs';
import type { IsolationPlan } from '../../enforcer/isolation-plan.js';

const lines = (text: string): string[] => text.split('\n').map((l) => l.trim().split(/\s+/).join(' ')).filter(Boolean);

export function idMapProblems(pid: number, who: string, plan: IsolationPlan): string[] {
  const m = plan.idMap;
  if (!m || !plan.namespaces.includes('user')) return [];
  const problems: string[] = [];
  for (const [file, want] of [['uid_map', `${m.insideUid} ${m.outsideUid} ${m.uidCount ?? 1}`], ['gid_map', `${m.insideGid} ${m.outsideGid} ${m.gidCount ?? 1}`]] as const) {
    const got = lines(readFileSync(`/proc/${pid}/${file}`, 'utf8'));
    if (got.length !== 1 || got[0] !== want) problems.push(`${who} ${file} is "${got.join('; ')}", planned "${want}"`);
  }
  return problems;
}
