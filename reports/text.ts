/**
 * The terminal report: each finding with its place, a code frame, why it
 * matters and what to do; then input errors and a summary line.
 */
import type { AuditReport, Finding, ReportFormatter, Severity, SkippedKind } from '../engine/model/finding.js';
import { verdictOf } from './common/verdict.js';
import { SEVERITIES } from '../engine/model/finding.js';
import { codeFrame } from './common/code-frame.js';
import { currentFindings, sortFindings } from './common/order.js';
import type { FrameLine } from './common/code-frame.js';
import { palette } from './colors.js';
import type { Palette } from './colors.js';
import { wrapText } from './common/wrap.js';
import type { CustomRulesSummary } from '../engine/model/finding.js';
import { terminalSafe as t } from './common/terminal.js';

/** Wrap width when the terminal's is unknown (pipes, files). */
export const DEFAULT_COLUMNS = 100;

const text: ReportFormatter = (report, options) => {
  const p = palette(options.color);
  const width = options.columns ?? DEFAULT_COLUMNS;
  const out: string[] = [];
  for (const finding of currentFindings(report.findings)) out.push(...renderFinding(finding, report, p, width), '');
  if (options.showSuppressed) for (const finding of sortFindings(report.suppressed ?? [])) out.push(...renderSuppressed(finding, p, width), '');
  const stale = sortFindings(report.findings.filter((f) => f.baseline === 'absent'));
  for (const f of stale) out.push(`${p.bold(t(f.file ?? f.subject))}  ${p.dim('stale')}  ${p.dim(f.ruleId)}  baseline entry matches nothing now: ${t(f.message)}`);
  if (stale.length) out.push('');
  for (const error of report.errors) {
    const place = error.line !== null ? `${error.file}:${error.line}:${error.column ?? 1}` : error.file;
    out.push(`${p.bold(t(place))}  ${p.red('error')}  ${t(error.message)}`);
  }
  if (report.errors.length) out.push('');
  out.push(...skippedLines(report, p), summaryLine(report, p, !options.showSuppressed));
  const custom = report.summary.customRules;
  if (custom) out.push(customRulesLine(custom, p));
  return `${out.join('\n')}\n`;
};

/** Where custom rules ran, and which came from the audited tree (its own code judging itself). */
function customRulesLine(custom: CustomRulesSummary, p: Palette): string {
  const mark = custom.boundary === 'os' ? p.cyan('i') : p.red('!');
  const tree = custom.files.filter((f) => f.inAuditedTree);
  const from = tree.length ? ` Rule files from the audited tree (its own code): ${tree.map((f) => `${t(f.file)} (${f.from === 'config' ? 'named by caplint.config.json' : 'named on the command line'})`).join(', ')}; use --no-config for untrusted changes.` : '';
  return `${mark} ${custom.description.charAt(0).toUpperCase()}${custom.description.slice(1)}.${from}`;
}

export default text;

function placeOf(finding: Finding): string {
  return finding.file === null
    ? finding.subject
    : finding.line !== null ? `${finding.file}:${finding.line}:${finding.column ?? 1}` : finding.file;
}

function renderFinding(finding: Finding, report: AuditReport, p: Palette, width: number): string[] {
  const lines = [`${p.bold(t(placeOf(finding)))}  ${p.severity(finding.severity, finding.severity)}  ${p.dim(finding.ruleId)}`];
  lines.push(...wrapText(t(finding.message), width, `  ${p.severity(finding.severity, '×')} `));
  const source = finding.file === null ? undefined : report.sources.get(finding.file);
  if (source !== undefined && finding.line !== null && finding.column !== null) {
    lines.push(...styledFrame(codeFrame(source, finding, 1), p.dim, (s) => p.severity(finding.severity, s)));
  }
  lines.push(...wrapText(t(finding.rationale), width, `  ${p.cyan('i')} `));
  lines.push(...wrapText(t(finding.remediation), width, `  ${p.green('help:')} `));
  return lines;
}

/** --show-suppressed: a silenced finding, short, with the reason it was silenced. */
function renderSuppressed(finding: Finding, p: Palette, width: number): string[] {
  const s = finding.suppression;
  return [
    `${p.bold(t(placeOf(finding)))}  ${p.dim(`suppressed ${finding.severity}`)}  ${p.dim(finding.ruleId)}`,
    ...wrapText(t(finding.message), width, `  ${p.dim('-')} `),
    ...(s ? wrapText(t(s.justification), width, `  ${p.dim(`suppressed by ${s.key}:`)} `) : []),
  ];
}

export function summaryLine(report: AuditReport, p: Palette, showHint = false): string {
  const { summary } = report;
  const counts = [...SEVERITIES].reverse()
    .filter((s: Severity) => summary.bySeverity[s] > 0)
    .map((s) => p.severity(s, `${summary.bySeverity[s]} ${s}`));
  const findings = `${summary.findings} finding${summary.findings === 1 ? '' : 's'}${counts.length ? ` (${counts.join(', ')})` : ''}`;
  const scope = `${summary.subjects} subject${summary.subjects === 1 ? '' : 's'} in ${summary.inputs} input${summary.inputs === 1 ? '' : 's'}`;
  const base = summary.baseline ? `; ${summary.baseline.accepted} accepted in ${t(summary.baseline.file)}${summary.baseline.stale ? `, ${summary.baseline.stale} stale` : ''}` : '';
  const errors = summary.errors ? `, ${p.red(`${summary.errors} error${summary.errors === 1 ? '' : 's'}`)}` : '';
  const silenced = summary.suppressed ? `; ${summary.suppressed} suppressed${showHint ? ' (--show-suppressed lists them)' : ''}` : '';
  if (summary.nothingAudited) {
    const allowed = summary.emptyAllowed === true;
    return `${allowed && !summary.errors ? p.green('✔') : p.red('✖')} ${findings} across ${scope}${errors}${silenced}; ${allowed ? 'nothing audited (--allow-empty)' : p.red('nothing audited')}: ${summary.nothingAudited}.`;
  }
  const verdict = summary.failOn === 'never'
    ? 'not failing on findings (--fail-on never)'
    : {
      failed: p.red(`failed: findings at or above ${summary.failOn}`),
      'not passed': p.red(`not passed: nothing at or above ${summary.failOn} in what was read, but ${summary.errors === 1 ? 'an input' : 'inputs'} could not be audited`),
      passed: p.green(`passed: nothing at or above ${summary.failOn}`),
    }[verdictOf(summary)];
  return `${summary.failed || summary.errors ? p.red('✖') : p.green('✔')} ${findings} across ${scope}${errors}${silenced}${base}; ${verdict}.`;
}

/** What was not audited (kinds caplint does not know) and what was skipped as expected (ConfigMap, Service, ...). */
function skippedLines(report: AuditReport, p: Palette): string[] {
  const { notAudited, skipped } = report.summary;
  const where = (k: SkippedKind) => (k.line === null ? k.file : `${k.file}:${k.line}`);
  const objects = (n: number) => `${n} object${n === 1 ? '' : 's'}`;
  const out: string[] = [];
  if (notAudited?.length) out.push(`${p.yellow('not audited:')} ${notAudited.map((k) => `${objects(k.count)} of kind ${k.kind} (${where(k)})`).join(', ')}`);
  if (skipped?.length) {
    const count = skipped.reduce((n, k) => n + k.count, 0);
    out.push(p.dim(`skipped ${objects(count)} that run${count === 1 ? 's' : ''} no containers (${skipped.map((k) => k.kind).join(', ')})`));
  }
  return out;
}

/**
 * The shared code frame, styled for a terminal: the finding's lines marked,
 * carets under a one-line span. Tabs print as one space, as columns count
 * them, so the carets stay under the text; long lines come clipped from codeFrame.
 * Other control characters print escaped (the carets then stand a little left).
 */
function styledFrame(frame: readonly FrameLine[], dim: (s: string) => string, mark: (s: string) => string): string[] {
  const width = String(frame.at(-1)?.number ?? 0).length;
  const out: string[] = [];
  for (const line of frame) {
    const gutter = `${line.marked ? '>' : ' '} ${String(line.number).padStart(width)} |`;
    const text = t(line.text.replace(/\t/g, ' '));
    out.push(`  ${line.marked ? mark(gutter) : dim(gutter)} ${text}`);
    if (line.underline) {
      const [from, to] = line.underline;
      out.push(`  ${dim(`  ${' '.repeat(width)} |`)} ${' '.repeat(from)}${mark('^'.repeat(Math.max(to - from, 1)))}`);
    }
  }
  return out;
}
