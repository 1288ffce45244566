/** Render the fixture report in one format, loading the formatter the way the audit command does. */
import type { AuditReport } from '../../engine/model/finding.js';
import { REPORT_FORMATS } from '../../reports/index.js';
import { FIXTURE_CWD, FIXTURE_REPORT } from '../fixtures/reports/audit-report.js';

export const FORMATS = ['text', 'json', 'sarif', 'junit', 'github', 'markdown', 'html', 'compact', 'gitlab'] as const;
export type FormatName = (typeof FORMATS)[number];

export const GOLDEN_NAME: Readonly<Record<FormatName, string>> = {
  text: 'report.txt', json: 'report.json', sarif: 'report.sarif', junit: 'report.junit.xml', github: 'report.github.txt', markdown: 'report.md', html: 'report.html',
  compact: 'report.compact.txt', gitlab: 'report.gitlab.json',
};

export async function render(format: FormatName, report: AuditReport = FIXTURE_REPORT, cwd = FIXTURE_CWD, showSuppressed = false): Promise<string> {
  const load = REPORT_FORMATS[format];
  if (!load) throw new Error(`no report format ${format}`);
  return (await load())(report, { color: false, cwd, showSuppressed });
}
