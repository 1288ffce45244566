/** Ordering and grouping shared by every format, so all of them list findings alike. */
import { SEVERITIES } from '../../engine/model/finding.js';
import type { Finding, Severity } from '../../engine/model/finding.js';

/** Most severe first. */
export const SEVERITIES_DESC: readonly Severity[] = [...SEVERITIES].reverse();

export function compareText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function compareNumber(a: number | null, b: number | null): number {
  return (a ?? Number.MAX_SAFE_INTEGER) - (b ?? Number.MAX_SAFE_INTEGER);
}

/** By file (processes last), line, column, then rule and subject: the order of every report. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.file, b.file) ||
    compareNumber(a.line, b.line) ||
    compareNumber(a.column, b.column) ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.subject, b.subject) ||
    compareText(a.message, b.message)
  );
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

/** Findings still present, sorted; a baseline's `absent` findings describe problems already fixed. */
export function currentFindings(findings: readonly Finding[]): Finding[] {
  return sortFindings(findings.filter((f) => f.baseline !== 'absent'));
}

/** How many baseline findings are gone. */
export function fixedCount(findings: readonly Finding[]): number {
  return findings.filter((f) => f.baseline === 'absent').length;
}

/** Groups in order of first appearance. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** `capabilities/no-dangerous` → `capabilities`. */
export function ruleGroup(ruleId: string): string {
  const slash = ruleId.indexOf('/');
  return slash < 0 ? ruleId : ruleId.slice(0, slash);
}

/** Count per severity, most severe first, zeros included. */
export function severityCounts(findings: readonly Finding[]): [Severity, number][] {
  return SEVERITIES_DESC.map((s) => [s, findings.filter((f) => f.severity === s).length]);
}

/** Identity of a subject across reports: two files may both hold a container "web". */
export function subjectKey(file: string | null, name: string): string {
  return `${file ?? ''}\u0000${name}`;
}

export function findingSubjectKey(finding: Finding): string {
  return subjectKey(finding.file, finding.subject);
}
