/**
 * SARIF 2.1.0: one run, caplint as tool.driver with every rule's metadata,
 * one result per finding, input errors as tool execution notifications.
 * Paths are relative to the working directory (uriBaseId SRCROOT).
 */
import type { AuditReport, ReportFormatter, RuleSummary } from '../engine/model/finding.js';
import { sortFindings } from './common/order.js';
import { fingerprints, FINGERPRINT_KEY } from './sarif/fingerprint.js';
import { findingLocation, physicalLocation } from './sarif/location.js';
import { placeholderRule, ruleDescriptor, SARIF_LEVEL } from './sarif/rules.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

function runRules(report: AuditReport): RuleSummary[] {
  const rules = new Map(report.rules.map((r) => [r.id, r]));
  for (const f of [...report.findings, ...(report.suppressed ?? [])]) if (!rules.has(f.ruleId)) rules.set(f.ruleId, placeholderRule(f.ruleId, f.severity));
  return [...rules.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const sarif: ReportFormatter = (report, { cwd }) => {
  const rules = runRules(report);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  // Suppressed findings stay in the log, marked as suppressed in source with their justification.
  const findings = sortFindings([...report.findings, ...(report.suppressed ?? [])]);
  const prints = fingerprints(findings, cwd);
  const results = findings.map((f, i) => ({
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId)!,
    level: SARIF_LEVEL[f.severity],
    message: { text: f.message },
    locations: [findingLocation(f, cwd, f.file === null ? undefined : report.sources.get(f.file))],
    partialFingerprints: { [FINGERPRINT_KEY]: prints[i]! },
    ...(f.baseline ? { baselineState: f.baseline } : {}),
    ...(f.suppression ? { suppressions: [{ kind: f.suppression.kind, status: 'accepted', justification: f.suppression.justification }] } : {}),
    properties: {
      severity: f.severity,
      subject: f.subject,
      subjectKind: f.subjectKind,
      ...(f.pointer !== null ? { pointer: f.pointer } : {}),
      ...(f.pid !== undefined ? { pid: f.pid } : {}),
      remediation: f.remediation,
    },
  }));
  const notifications = report.errors.map((e) => {
    const location = physicalLocation(e, cwd);
    return {
      level: 'error',
      message: { text: e.message },
      descriptor: { id: 'input-error' },
      ...(location ? { locations: [{ physicalLocation: location }] } : {}),
    };
  });
  const tool = report.tool;
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'caplint',
          ...(tool?.version ? { version: tool.version, semanticVersion: tool.version } : {}),
          ...(tool?.informationUri ? { informationUri: tool.informationUri } : {}),
          rules: rules.map((r) => ruleDescriptor(r, tool)),
        },
      },
      invocations: [{
        executionSuccessful: report.errors.length === 0,
        toolExecutionNotifications: notifications,
        properties: { policy: report.policy, failOn: report.summary.failOn, failed: report.summary.failed },
      }],
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

export default sarif;
