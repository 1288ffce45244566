/**
 * `caplint ps --format json`, written as it goes: the report object of the
 * CLI contract, with every process on a line of its own carrying its group
 * id, then the groups, the containers, the findings, errors and summary.
 * Output leaves in chunks; no single string holds every process.
 */
import type { AuditReport } from '../model/finding.js';
import type { ContainersView } from '../audit/containers-view.js';
import { SharedJson } from './subject-json.js';

const CHUNK = 1 << 16;

export function writePsJson(write: (text: string) => void, view: ContainersView, report: AuditReport): void {
  const groupOf = new Map<number, string>();
  for (const g of view.groups) for (const pid of g.pids) groupOf.set(pid, g.id);
  let buffer = `{"version":1,"policy":${JSON.stringify(report.policy)},"subjects":[`;
  const flush = (force: boolean) => {
    if (buffer.length >= CHUNK || (force && buffer)) {
      write(buffer);
      buffer = '';
    }
  };
  const json = new SharedJson();
  view.subjects.forEach(({ subject }, i) => {
    buffer += `${i ? ',' : ''}\n${json.subject(subject, { group: groupOf.get(subject.pid ?? 0) ?? null })}`;
    flush(false);
  });
  const groups = view.groups.map((g) => ({
    id: g.id, processes: g.pids.length, pids: g.pids, commands: Object.fromEntries(g.commands),
    container: g.container ?? null, subject: g.representative.subject.name,
  }));
  const containers = view.containers.map((c) => ({ ...c, drift: c.drift === undefined ? null : c.drift.length }));
  buffer += `\n],\n"groups":${JSON.stringify(groups)},\n"containers":${JSON.stringify(containers)},\n"findings":${JSON.stringify(report.findings, null, 1)},\n"errors":${JSON.stringify(report.errors)},\n"summary":${JSON.stringify(report.summary)}}\n`;
  flush(true);
}
