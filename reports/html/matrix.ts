/** The per-subject matrix: one row per subject, one column per kernel facility. */
import type { AuditReport, Finding } from '../../engine/model/finding.js';
import type { Subject } from '../../engine/model/subject.js';
import { relativePath } from '../common/location.js';
import { currentFindings, findingSubjectKey, groupBy, ruleGroup, subjectKey } from '../common/order.js';
import { modelSubjects } from '../common/subjects.js';
import { html } from './markup.js';
import type { Markup } from './markup.js';
import { capabilitiesCell, limitsCell, namespacesCell, noNewPrivsCell, seccompCell } from './matrix-cells.js';

interface Column {
  readonly title: string;
  /** Rule groups whose findings flag this column. */
  readonly groups: readonly string[];
  cell(subject: Partial<Subject>): Markup;
}

const COLUMNS: readonly Column[] = [
  { title: 'Capabilities', groups: ['capabilities', 'privileged'], cell: (s) => capabilitiesCell(s.capabilities) },
  { title: 'Namespaces', groups: ['namespaces'], cell: (s) => namespacesCell(s.namespaces) },
  { title: 'Seccomp', groups: ['seccomp'], cell: (s) => seccompCell(s.seccomp) },
  { title: 'no_new_privs', groups: ['no-new-privs'], cell: (s) => noNewPrivsCell(s.noNewPrivileges) },
  { title: 'Limits', groups: ['limits', 'cgroups'], cell: (s) => limitsCell(s.limits) },
];

function row(subject: Subject, findings: readonly Finding[], cwd: string): Markup {
  const groups = new Set(findings.map((f) => ruleGroup(f.ruleId)));
  const source = subject.file === null ? `pid ${subject.pid ?? '?'}` : relativePath(subject.file, cwd);
  const cells = COLUMNS.map((c) => {
    const flagged = c.groups.some((g) => groups.has(g));
    return html`<td class="${flagged ? 'flagged' : ''}">${c.cell(subject)}</td>`;
  });
  const count = findings.length ? html`<a href="#${anchor(subject)}">${findings.length}</a>` : html`<span class="ok">0</span>`;
  return html`<tr>
<th scope="row"><div class="subject-name">${subject.name}</div><div class="note">${subject.kind} · ${source}</div></th>
<td class="num">${count}</td>${cells}
</tr>`;
}

/** Id of a subject's first finding block, for the findings-count link. */
export function anchor(subject: Pick<Subject, 'file' | 'name'>): string {
  let hash = 0;
  for (const ch of subjectKey(subject.file, subject.name)) hash = (hash * 31 + ch.codePointAt(0)!) >>> 0;
  return `subject-${hash.toString(16)}`;
}

export function matrix(report: AuditReport, cwd: string): Markup {
  const subjects = modelSubjects(report);
  if (!subjects.length) return html`<p class="note">No subject data in this report.</p>`;
  const bySubject = groupBy(currentFindings(report.findings), findingSubjectKey);
  return html`<table class="matrix">
<thead><tr><th scope="col">Subject</th><th scope="col">Findings</th>${COLUMNS.map((c) => html`<th scope="col">${c.title}</th>`)}</tr></thead>
<tbody>
${subjects.map((s) => row(s, bySubject.get(subjectKey(s.file, s.name)) ?? [], cwd))}
</tbody>
</table>`;
}
