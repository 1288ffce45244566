/**
 * Markdown for a pull-request comment: the verdict, counts by severity, a
 * table of findings per subject with the why and the fix folded away in
 * `<details>`, and input errors. All input text is escaped. A report too long
 * for one comment is shortened, and says so.
 */
import type { AuditReport, ReportFormatter } from '../engine/model/finding.js';
import { escapeMarkdown } from './common/escape.js';
import { relativePath } from './common/location.js';
import { currentFindings, findingSubjectKey, groupBy } from './common/order.js';
import { countsTable, details, errorsTable, findingsTable, header } from './markdown/sections.js';

/** GitHub refuses comments longer than 65,536 characters; leave room for a wrapper. */
export const COMMENT_LIMIT = 65_000;

type Detail = 'full' | 'tables' | 'counts';
const DETAILS: readonly Detail[] = ['full', 'tables', 'counts'];

const SHORTENED: Readonly<Record<Detail, string>> = {
  full: '',
  tables: '_Shortened to fit a comment: the why, the fix and the code frames are left out; the HTML or SARIF report has them._',
  counts: '_Shortened to fit a comment: only the counts are shown; the HTML or SARIF report lists every finding and input error._',
};

function render(report: AuditReport, cwd: string, detail: Detail): string {
  const findings = currentFindings(report.findings);
  const parts = [header(report), countsTable(findings)];
  if (detail !== 'full') parts.push(SHORTENED[detail]);
  if (detail !== 'counts') {
    for (const group of groupBy(findings, findingSubjectKey).values()) {
      const first = group[0]!;
      const title = first.file === null ? first.subject : `${relativePath(first.file, cwd)}: ${first.subject}`;
      parts.push(`### ${escapeMarkdown(title)}`, findingsTable(group, report, cwd));
      if (detail === 'full') parts.push(details(group, report, cwd));
    }
    if (report.errors.length) parts.push('### Input errors', errorsTable(report.errors, cwd));
  }
  if (!findings.length && !report.errors.length) parts.push('No findings.');
  return `${parts.join('\n\n')}\n`;
}

const markdown: ReportFormatter = (report, { cwd }) => {
  let out = '';
  for (const detail of DETAILS) {
    out = render(report, cwd, detail);
    if (out.length <= COMMENT_LIMIT) break;
  }
  return out;
};

export default markdown;
