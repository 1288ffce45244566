/**
 * Markdown for a pull-request comment: the verdict, counts by severity, a
 * table of findings per subject with the why and the fix folded away in
 * `<details>`, and input errors. All input text is escaped.
 */
import type { ReportFormatter } from '../engine/model/finding.js';
import { escapeMarkdown } from './common/escape.js';
import { relativePath } from './common/location.js';
import { findingSubjectKey, groupBy, sortFindings } from './common/order.js';
import { countsTable, details, errorsTable, findingsTable, header } from './markdown/sections.js';

const markdown: ReportFormatter = (report, { cwd }) => {
  const parts = [header(report), countsTable(report.findings)];
  for (const findings of groupBy(sortFindings(report.findings), findingSubjectKey).values()) {
    const first = findings[0]!;
    const title = first.file === null ? first.subject : `${relativePath(first.file, cwd)}: ${first.subject}`;
    parts.push(`### ${escapeMarkdown(title)}`, findingsTable(findings, report, cwd), details(findings, report, cwd));
  }
  if (report.errors.length) parts.push('### Input errors', errorsTable(report.errors, cwd));
  if (!report.findings.length && !report.errors.length) parts.push('No findings.');
  return `${parts.join('\n\n')}\n`;
};

export default markdown;
