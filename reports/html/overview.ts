/** The top of the report: verdict, numbers, charts by severity and by rule group, the policy and its rules. */
import type { AuditReport } from '../../engine/model/finding.js';
import { verdictOf } from '../common/verdict.js';
import { currentFindings, fixedCount, groupBy, ruleGroup, severityCounts } from '../common/order.js';
import { barChart } from './charts.js';
import { docsLink } from './findings.js';
import { html } from './markup.js';
import type { Markup } from './markup.js';

export function overview(report: AuditReport): Markup {
  const s = report.summary;
  const verdict = verdictOf(s);
  const stats: [string, number][] = [['inputs', s.inputs], ['subjects', s.subjects], ['findings', s.findings], ['input errors', s.errors]];
  const fixed = fixedCount(report.findings);
  if (fixed) stats.push(['fixed since the baseline', fixed]);
  const findings = currentFindings(report.findings);
  const bySeverity = severityCounts(findings).map(([severity, value]) => ({ label: severity, value, tone: `sev-${severity}` }));
  const byGroup = [...groupBy(findings, (f) => ruleGroup(f.ruleId))]
    .map(([label, list]) => ({ label, value: list.length, tone: 'group' }))
    .sort((a, b) => b.value - a.value || (a.label < b.label ? -1 : 1));
  return html`<header>
<h1>caplint audit report</h1>
<p><span class="verdict ${verdict === 'passed' ? 'passed' : 'failed'}">${verdict}</span> <span class="note">fail on ${s.failOn} · policy ${report.policy}</span></p>
<ul class="stats">${stats.map(([label, n]) => html`<li><strong>${n}</strong>${label}</li>`)}</ul>
</header>
<section id="overview"><h2>Overview</h2>
<div class="charts">${barChart('Findings by severity', bySeverity)}${barChart('Findings by rule group', byGroup)}</div>
</section>`;
}

export function policySection(report: AuditReport): Markup {
  const rules = [...report.rules].sort((a, b) => (a.id < b.id ? -1 : 1));
  return html`<section id="policy"><h2>Policy applied: ${report.policy}</h2>
<p class="note">Fails on ${report.summary.failOn}${report.summary.failOn === 'never' ? '' : ' and above'}. Rules checked:</p>
<table class="rules"><thead><tr><th scope="col">Rule</th><th scope="col">Severity</th><th scope="col">Checks that</th><th scope="col">Docs</th></tr></thead>
<tbody>${rules.map((r) => html`<tr><td><code>${r.id}</code></td><td><span class="badge sev-${r.severity}">${r.severity}</span></td><td>${r.title}</td><td>${docsLink(r, report.tool)}</td></tr>`)}</tbody>
</table></section>`;
}
