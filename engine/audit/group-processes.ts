/**
 * Live processes → groups of identical processes (see group-key.ts), in a
 * stable order: host processes first, then each container by its label; in
 * each, by lowest pid. Ids are `g1`, `g2`, ... in that order.
 */
import type { LocatedSubject } from '../model/located.js';
import type { ContainerRef } from '../model/container.js';
import { containerLabel } from '../model/container.js';
import { groupKey } from './group-key.js';
import { compareText } from '../runner/run-rules.js';

export interface ProcessGroup {
  readonly id: string;
  /** The process judged for the group: the lowest pid. */
  readonly representative: LocatedSubject;
  readonly pids: readonly number[];
  /** Process names (comm) with their counts, most frequent first. */
  readonly commands: readonly (readonly [string, number])[];
  readonly container?: ContainerRef;
}

export function groupProcesses(subjects: Iterable<LocatedSubject>): ProcessGroup[] {
  const byKey = new Map<string, { first: LocatedSubject; pids: number[]; commands: Map<string, number> }>();
  for (const located of subjects) {
    const s = located.subject;
    const key = groupKey(s);
    let g = byKey.get(key);
    if (!g) byKey.set(key, (g = { first: located, pids: [], commands: new Map() }));
    g.pids.push(s.pid ?? 0);
    const comm = s.process?.comm ?? s.name;
    g.commands.set(comm, (g.commands.get(comm) ?? 0) + 1);
    if ((s.pid ?? 0) < (g.first.subject.pid ?? 0)) g.first = located;
  }
  const label = (g: { first: LocatedSubject }) => (g.first.subject.container ? `1 ${containerLabel(g.first.subject.container)}` : '0');
  const ordered = [...byKey.values()].sort((a, b) => compareText(label(a), label(b)) || (a.first.subject.pid ?? 0) - (b.first.subject.pid ?? 0));
  return ordered.map((g, i) => {
    const id = `g${i + 1}`;
    const container = g.first.subject.container;
    const subject = { ...g.first.subject, name: groupName(id, g.pids, g.commands, container) };
    return {
      id,
      representative: { ...g.first, subject },
      pids: g.pids.sort((a, b) => a - b),
      commands: [...g.commands].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0])),
      ...(container ? { container } : {}),
    };
  });
}

/** `g3 (pid 4242 nginx)`, `g4 (1000 processes: sleep)`, `g5 in runc t1 (2 processes: sh, sleep)`. */
function groupName(id: string, pids: readonly number[], commands: ReadonlyMap<string, number>, container: ContainerRef | undefined): string {
  const where = container ? ` in ${containerLabel(container)}` : '';
  if (pids.length === 1) return `${id}${where} (pid ${pids[0]} ${[...commands.keys()][0]})`;
  const names = [...commands.keys()];
  return `${id}${where} (${pids.length} processes: ${names.slice(0, 3).join(', ')}${names.length > 3 ? ', ...' : ''})`;
}
