/**
 * GitLab Code Quality report (the JSON array the merge request widget reads):
 * one issue per current finding with description, check_name, a fingerprint
 * stable across unrelated edits (the SARIF one), GitLab's severity and the
 * file and line. A live process has no file: its subject stands as the path.
 * Suppressed findings are left out, as the widget has no place for them.
 */
import type { ReportFormatter, Severity } from '../engine/model/finding.js';
import { relativePath } from './common/location.js';
import { currentFindings } from './common/order.js';
import { fingerprints } from './sarif/fingerprint.js';

/** caplint's five severities onto GitLab's five. */
export const GITLAB_SEVERITY: Readonly<Record<Severity, 'info' | 'minor' | 'major' | 'critical' | 'blocker'>> = {
  info: 'info', low: 'minor', medium: 'major', high: 'critical', critical: 'blocker',
};

const gitlab: ReportFormatter = (report, { cwd }) => {
  const findings = currentFindings(report.findings);
  const prints = fingerprints(findings, cwd);
  const issues = findings.map((f, i) => ({
    type: 'issue',
    description: `${f.message} (${f.ruleId})`,
    check_name: f.ruleId,
    fingerprint: prints[i]!.replace(':', '-'),
    severity: GITLAB_SEVERITY[f.severity],
    categories: ['Security'],
    location: {
      path: f.file === null ? f.subject : relativePath(f.file, cwd),
      lines: { begin: f.line ?? 1 },
    },
  }));
  return `${JSON.stringify(issues, null, 2)}\n`;
};

export default gitlab;
