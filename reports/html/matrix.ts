/** The per-subject matrix: one row per subject, one column per kernel facility. */
import type { AuditReport, Finding } from '../../engine/model/finding.js';
import type { Subject } from '../../engine/model/subject.js';
import { relativePath } from '../common/location.js';
import { currentFindings, findingSubjectKey, groupBy, subjectKey } from '../common/order.js';
import { modelSubjects } from '../common/subjects.js';
import { html } from './markup.js';
import type { Markup } from './markup.js';
import { capabilitiesCell, limitsCell, namespacesCell, noNewPrivsCell, seccompCell } from './matrix-cells.js';

interface Column {
  readonly title: string;
  /** Rule ids, or groups ending in `/`, whose findings judge this column. */
  readonly rules: readonly string[];
  /** The cell; `messages` are the column's findings for the subject: only what they name is marked bad. */
  cell(subject: Partial<Subject>, messages: readonly string[]): Markup;
}

const COLUMNS: readonly Column[] = [
  { title: 'Capabilities', rules: ['capabilities/', 'policy/capabilities', 'pss/capabilities-', 'pss/privileged', 'privileged/'], cell: (s) => capabilitiesCell(s.capabilities) },
  { title: 'Namespaces', rules: ['namespaces/', 'policy/namespaces', 'pss/host-namespaces'], cell: (s, m) => namespacesCell(s.namespaces, m) },
  { title: 'Seccomp', rules: ['seccomp/', 'policy/forbidden-syscalls', 'pss/seccomp-'], cell: (s, m) => seccompCell(s.seccomp, m.length > 0) },
  { title: 'no_new_privs', rules: ['privileges/no-new-privileges', 'pss/privilege-escalation', 'no-new-privs/'], cell: (s, m) => noNewPrivsCell(s.noNewPrivileges, m.length > 0) },
  { title: 'Limits', rules: ['cgroups/', 'limits/'], cell: (s, m) => limitsCell(s.limits, m) },
];

const inColumn = (column: Column, ruleId: string) => column.rules.some((r) => (r.endsWith('/') || r.endsWith('-') ? ruleId.startsWith(r) : ruleId === r));

function row(subject: Subject, findings: readonly Finding[], cwd: string): Markup {
  const source = subject.file === null ? `pid ${subject.pid ?? '?'}` : relativePath(subject.file, cwd);
  const cells = COLUMNS.map((c) => {
    const messages = findings.filter((f) => inColumn(c, f.ruleId)).map((f) => f.message);
    return html`<td class="${messages.length ? 'flagged' : ''}">${c.cell(subject, messages)}</td>`;
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
