/** Every finding with its place, code frame, why and fix; then input errors. */
import type { AuditReport, Finding, InputError, ToolInfo, RuleSummary } from '../../engine/model/finding.js';
import { codeFrame } from '../common/code-frame.js';
import type { FrameLine } from '../common/code-frame.js';
import { docsUri } from '../common/docs.js';
import { findingPlace, locationLabel } from '../common/location.js';
import { currentFindings, findingSubjectKey, groupBy } from '../common/order.js';
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
  const uri = docsUri(rule, tool);
  return uri ? html`<a class="docs" href="${uri}" rel="noreferrer">${rule.docsPath}</a>` : html`<span class="docs">${rule.docsPath}</span>`;
}

function findingBlock(f: Finding, report: AuditReport, rules: ReadonlyMap<string, RuleSummary>, cwd: string): Markup {
  const source = f.file === null ? undefined : report.sources.get(f.file);
  const baseline = f.baseline ? html`<span class="baseline">${f.baseline}</span>` : '';
  return html`<article class="finding sev-${f.severity}">
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
  return html`${[...groups.values()].map((findings) => {
    const first = findings[0]!;
    return html`<section class="subject" id="${anchor({ file: first.file, name: first.subject })}">
<h3>${first.subject} <span class="note">${first.file === null ? first.subjectKind : locationLabel({ file: first.file, line: null, column: null }, cwd)}</span></h3>
${findings.map((f) => findingBlock(f, report, rules, cwd))}
</section>`;
  })}`;
}

export function errorsSection(errors: readonly InputError[], cwd: string): Markup {
  if (!errors.length) return html``;
  return html`<section id="errors"><h2>Input errors</h2><ul class="errors">${errors.map((e) => html`<li><span class="where">${locationLabel(e, cwd)}</span> ${e.message}</li>`)}</ul></section>`;
}
