/** Parts of the Markdown report: header, counts, a table per subject, details. */
import type { AuditReport, Finding, InputError, RuleSummary, ToolInfo } from '../../engine/model/finding.js';
import { verdictOf } from '../common/verdict.js';
import { codeFrame, frameText } from '../common/code-frame.js';
import { docsUri } from '../common/docs.js';
import { escapeMarkdown, longestBacktickRun } from '../common/escape.js';
import { findingPlace, locationLabel } from '../common/location.js';
import { fixedCount, severityCounts } from '../common/order.js';

const md = escapeMarkdown;

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

export function header(report: AuditReport): string {
  const s = report.summary;
  const word = verdictOf(s);
  const verdict = word === 'failed' ? `**failed** (findings at or above ${s.failOn})`
    : word === 'not passed' ? '**not passed** (an input could not be audited)'
    : s.failOn === 'never' ? 'passed' : `passed (nothing at or above ${s.failOn})`;
  const errors = s.errors ? ` · **${s.errors} input error${s.errors === 1 ? '' : 's'}**` : '';
  const fixed = fixedCount(report.findings);
  const gone = fixed ? ` · ${fixed} fixed since the baseline` : '';
  return `## caplint audit: ${verdict}\n\n${s.findings} finding${s.findings === 1 ? '' : 's'} in ${s.subjects} subject${s.subjects === 1 ? '' : 's'} from ${s.inputs} input${s.inputs === 1 ? '' : 's'}${errors}${gone} · policy ${md(report.policy)}`;
}

export function countsTable(findings: readonly Finding[]): string {
  const lines = [row(['Severity', 'Findings']), row([':--', '--:'])];
  for (const [severity, n] of severityCounts(findings)) lines.push(row([severity, String(n)]));
  return lines.join('\n');
}

function ruleLink(ruleId: string, rules: ReadonlyMap<string, RuleSummary>, tool: ToolInfo | undefined): string {
  const rule = rules.get(ruleId);
  const uri = rule && docsUri(rule, tool);
  return uri ? `[${md(ruleId)}](${encodeURI(uri)})` : md(ruleId);
}

export function findingsTable(findings: readonly Finding[], report: AuditReport, cwd: string): string {
  const rules = new Map(report.rules.map((r) => [r.id, r]));
  const baseline = findings.some((f) => f.baseline);
  const head = ['Severity', 'Rule', 'Where', 'Message', ...(baseline ? ['Baseline'] : [])];
  const lines = [row(head), row(head.map(() => '---'))];
  for (const f of findings) {
    const cells = [f.severity, ruleLink(f.ruleId, rules, report.tool), md(findingPlace(f, cwd)), md(f.message)];
    lines.push(row(baseline ? [...cells, f.baseline ?? ''] : cells));
  }
  return lines.join('\n');
}

function fenced(text: string): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(text) + 1));
  return `${fence}text\n${text}\n${fence}`;
}

export function details(findings: readonly Finding[], report: AuditReport, cwd: string): string {
  const parts = findings.map((f) => {
    const frame = codeFrame(f.file === null ? undefined : report.sources.get(f.file), f);
    return [
      `**${md(f.ruleId)}** at ${md(findingPlace(f, cwd))}: ${md(f.message)}`,
      `*Why:* ${md(f.rationale)}`,
      `*Fix:* ${md(f.remediation)}`,
      ...(frame.length ? [fenced(frameText(frame))] : []),
    ].join('\n\n');
  });
  const summary = `Why it matters and how to fix it (${findings.length} finding${findings.length === 1 ? '' : 's'})`;
  return `<details>\n<summary>${summary}</summary>\n\n${parts.join('\n\n---\n\n')}\n\n</details>`;
}

export function errorsTable(errors: readonly InputError[], cwd: string): string {
  const lines = [row(['Input', 'Error']), row(['---', '---'])];
  for (const e of errors) lines.push(row([md(locationLabel(e, cwd)!), md(e.message)]));
  return lines.join('\n');
}
