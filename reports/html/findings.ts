/** Every finding with its place, code frame, why and fix; then input errors. */
import type { AuditReport, Finding, InputError, ToolInfo, RuleSummary } from '../../engine/model/finding.js';
import { codeFrame } from '../common/code-frame.js';
import type { FrameLine } from '../common/code-frame.js';
import { docsUri } from '../common/docs.js';
import { findingPlace, locationLabel } from '../common/location.js';
import { currentFindings, findingSubjectKey, groupBy } from '../common/order.js';
import { SEVERITIES } from '../../engine/model/finding.js';
import { html } from './markup.js';
import type { Markup } from './markup.js';
import { anchor } from './matrix.js';

function frameLine(line: FrameLine, width: number): Markup {
  const number = String(line.number).padStart(width);
  if (!line.underline) return html`<span class="${line.marked ? 'line marked' : 'line'}"><span class="ln">${number}</span>${line.text}</span>`;
  const [from, to] = line.underline;
  return html`<span class="line marked"><span class="ln">${number}</span>${line.text.slice(0, from)}<mark>${line.text.slice(from, to)}</mark>${line.text.slice(to)}</span>`;
}

export function frame(lines: readonly FrameLine[]): Markup {
  if (!lines.length) return html``;
  const width = String(lines[lines.length - 1]!.number).length;
  return html`<pre class="frame"><code>${lines.map((l) => frameLine(l, width))}</code></pre>`;
}

export function docsLink(rule: RuleSummary | undefined, tool: ToolInfo | undefined): Markup {
  if (!rule) return html``;
  const uri = docsUri(rule, tool) ?? (tool?.packageUri ? docsUri(rule, { ...tool, docsBaseUri: tool.packageUri }) : undefined);
  return uri ? html`<a class="docs" href="${uri}" rel="noreferrer">${rule.docsPath}</a>` : html`<span class="docs">${rule.docsPath}</span>`;
}

function findingBlock(f: Finding, report: AuditReport, rules: ReadonlyMap<string, RuleSummary>, cwd: string): Markup {
  const source = f.file === null ? undefined : report.sources.get(f.file);
  const baseline = f.baseline ? html`<span class="baseline">${f.baseline}</span>` : '';
  return html`<article class="finding sev-${f.severity}" data-severity="${f.severity}" data-rule="${f.ruleId}">
<header><span class="badge sev-${f.severity}">${f.severity}</span> <code class="rule">${f.ruleId}</code> <span class="where">${findingPlace(f, cwd)}</span> ${baseline}</header>
<p class="message">${f.message}</p>
${frame(codeFrame(source, f))}
<dl><dt>Why</dt><dd>${f.rationale}</dd><dt>Fix</dt><dd>${f.remediation}</dd><dt>Docs</dt><dd>${docsLink(rules.get(f.ruleId), report.tool)}</dd></dl>
</article>`;
}

export function findingsSection(report: AuditReport, cwd: string): Markup {
  const findings = currentFindings(report.findings);
  if (!findings.length) return html`<p class="ok">No findings.</p>`;
  const rules = new Map(report.rules.map((r) => [r.id, r]));
  const groups = groupBy(findings, findingSubjectKey);
  return html`${filterControls(findings)}${[...groups.values()].map((findings) => {
    const first = findings[0]!;
    const place = first.file === null ? first.subjectKind : locationLabel({ file: first.file, line: null, column: null }, cwd);
    return html`<section class="subject" id="${anchor({ file: first.file, name: first.subject })}" data-subject="${`${first.subject} ${place}`.toLowerCase()}">
<details open><summary><h3>${first.subject} <span class="note">${place} · ${findings.length} finding${findings.length === 1 ? '' : 's'}</span></h3></summary>
${findings.map((f) => findingBlock(f, report, rules, cwd))}
</details>
</section>`;
  })}`;
}

/** Severity, rule and subject filters (the inline script applies them); without script every finding shows. */
function filterControls(findings: readonly Finding[]): Markup {
  const rules = [...new Set(findings.map((f) => f.ruleId))].sort();
  return html`<form class="filters" role="search" aria-label="Filter findings">
<label>Severity at least <select id="filter-severity">${SEVERITIES.map((s) => html`<option value="${s}">${s}</option>`)}</select></label>
<label>Rule <select id="filter-rule"><option value="">all rules</option>${rules.map((r) => html`<option value="${r}">${r}</option>`)}</select></label>
<label>Subject <input id="filter-subject" type="search" placeholder="name or file"></label>
<span class="note"><span id="filter-shown">${findings.length}</span> of ${findings.length} findings shown</span>
</form>`;
}

export function errorsSection(errors: readonly InputError[], cwd: string): Markup {
  if (!errors.length) return html``;
  return html`<section id="errors"><h2>Input errors</h2><ul class="errors">${errors.map((e) => html`<li><span class="where">${locationLabel(e, cwd)}</span> ${e.message}</li>`)}</ul></section>`;
}
