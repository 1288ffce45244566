/**
 * What changed between two scans: findings that appeared and findings that
 * went away, each once (a finding present in both scans is not repeated).
 * A finding is the same finding when its rule, its subject's identity and
 * its message (less the subject's name) are: a group of processes is named
 * by a per-scan id and a process count, which change when other processes
 * come and go, so the caller passes the group's stable identity.
 */
import type { Finding } from '../../model/finding.js';

export interface Change {
  readonly event: 'new' | 'resolved';
  readonly finding: Finding;
}

export function findingKey(f: Finding, identity?: string): string {
  return `${f.ruleId}\u0000${identity ?? f.subject}\u0000${f.message.split(f.subject).join('\u0001')}`;
}

export function changes(before: ReadonlyMap<string, Finding>, now: readonly Finding[], keyOf: (f: Finding) => string = (f) => findingKey(f)): { changes: Change[]; current: Map<string, Finding> } {
  const current = new Map(now.map((f) => [keyOf(f), f]));
  const out: Change[] = [];
  for (const [key, finding] of current) if (!before.has(key)) out.push({ event: 'new', finding });
  for (const [key, finding] of before) if (!current.has(key)) out.push({ event: 'resolved', finding });
  return { changes: out, current };
}

/** One JSON line for the log. */
export function changeLine(change: Change, namespace: string | undefined, time: Date): string {
  const f = change.finding;
  return JSON.stringify({
    time: time.toISOString(), event: change.event, ruleId: f.ruleId, severity: f.severity, subject: f.subject,
    ...(f.pid !== undefined ? { pid: f.pid } : {}), ...(namespace ? { namespace } : {}),
    message: f.message, remediation: f.remediation,
  });
}
