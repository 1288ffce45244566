/**
 * One line per finding, `file:line:col: severity rule-id message`, as editors'
 * and CI problem matchers read (problem-matchers/caplint.json holds GitHub's).
 * A finding with a file but no line is placed at 1:1; a live process, which
 * has no file, is named by its subject at 0:0. Messages are kept to one line.
 * With --show-suppressed, silenced findings follow, marked `suppressed`.
 * The text report's summary line ends the output.
 */
import type { Finding, ReportFormatter } from '../engine/model/finding.js';
import { relativePath } from './common/location.js';
import { currentFindings, sortFindings } from './common/order.js';
import { palette } from './colors.js';
import { summaryLine } from './text.js';
import { terminalSafe } from './common/terminal.js';

/** Line breaks and other control characters become visible escapes (terminalSafe), so a message never spans two lines. */
export function oneLine(text: string): string {
  return terminalSafe(text).trim();
}

function place(f: Finding, cwd: string): string {
  if (f.file === null) return `${oneLine(f.subject)}:0:0`;
  return `${oneLine(relativePath(f.file, cwd))}:${f.line ?? 1}:${f.column ?? 1}`;
}

export function compactLine(f: Finding, cwd: string): string {
  const severity = f.suppression ? `suppressed-${f.severity}` : f.severity;
  const why = f.suppression ? ` (suppressed: ${oneLine(f.suppression.justification)})` : '';
  return `${place(f, cwd)}: ${severity} ${f.ruleId} ${oneLine(f.message)}${why}`;
}

const compact: ReportFormatter = (report, options) => {
  const lines = currentFindings(report.findings).map((f) => compactLine(f, options.cwd));
  if (options.showSuppressed) lines.push(...sortFindings(report.suppressed ?? []).map((f) => compactLine(f, options.cwd)));
  for (const e of report.errors) lines.push(`${oneLine(relativePath(e.file, options.cwd))}:${e.line ?? 1}:${e.column ?? 1}: error input ${oneLine(e.message)}`);
  lines.push('', summaryLine(report, palette(options.color), !options.showSuppressed));
  return `${lines.join('\n')}\n`;
};

export default compact;
