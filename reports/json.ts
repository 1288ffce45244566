/** The JSON report: one object, version 1 (see the CLI contract). */
import type { ReportFormatter } from '../engine/model/finding.js';
import { sortFindings } from './common/order.js';

const json: ReportFormatter = (report, options) => {
  const out: Record<string, unknown> = {
    version: 1,
    policy: report.policy,
    findings: sortFindings(report.findings),
    // --show-suppressed: the silenced findings, each with its `suppression` (reason and annotation).
    ...(options.showSuppressed ? { suppressed: sortFindings(report.suppressed ?? []) } : {}),
    errors: report.errors,
    summary: report.summary,
  };
  // Live audits (ps, audit --pid) also print each process as the model sees it.
  if (report.subjects.some((s) => (s as { kind?: string }).kind === 'process')) out.subjects = report.subjects;
  return `${JSON.stringify(out, (_, value: unknown) => (typeof value === 'bigint' ? value.toString() : value), 2)}\n`;
};

export default json;
