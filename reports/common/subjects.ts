/**
 * The report's subjects, read defensively: `AuditReport.subjects` is plain
 * data typed `unknown`, and a subject may also be known only from a finding.
 */
import type { AuditReport } from '../../engine/model/finding.js';
import type { Subject } from '../../engine/model/subject.js';
import { compareText, findingSubjectKey, subjectKey } from './order.js';

export interface SubjectRef {
  readonly key: string;
  readonly name: string;
  readonly kind: string;
  readonly file: string | null;
}

/** Entries of `report.subjects` that have at least a name and a kind. */
export function modelSubjects(report: AuditReport): Subject[] {
  return report.subjects.filter((s): s is Subject => {
    const o = s as Partial<Subject> | null;
    return typeof o === 'object' && o !== null && typeof o.name === 'string' && typeof o.kind === 'string';
  });
}

/** Every subject of the report, from the model and from findings, sorted by file then name. */
export function subjectRefs(report: AuditReport): SubjectRef[] {
  const refs = new Map<string, SubjectRef>();
  for (const s of modelSubjects(report)) {
    const key = subjectKey(s.file ?? null, s.name);
    refs.set(key, { key, name: s.name, kind: s.kind, file: s.file ?? null });
  }
  for (const f of report.findings) {
    const key = findingSubjectKey(f);
    if (!refs.has(key)) refs.set(key, { key, name: f.subject, kind: f.subjectKind, file: f.file });
  }
  return [...refs.values()].sort(
    (a, b) => compareText(a.file, b.file) || compareText(a.name, b.name),
  );
}
