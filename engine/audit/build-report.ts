/** Findings, errors and subjects → the AuditReport every format reads. */
import type { AuditReport, FailOn, Finding, InputError, RuleSummary, Severity, SkippedObject } from '../model/finding.js';
import { SEVERITIES, atOrAbove } from '../model/finding.js';
import type { LocatedSubject } from '../model/located.js';
import type { ActiveRule } from '../runner/run-rules.js';
import { groupSkipped, nothingAuditedReason } from './empty-audit.js';
import { prose } from '../rule-docs.js';

export interface ReportParts {
  readonly inputs: number;
  readonly subjects: readonly LocatedSubject[];
  readonly findings: readonly Finding[];
  /** Findings silenced by suppressions in the inputs. */
  readonly suppressed?: readonly Finding[];
  readonly errors: readonly InputError[];
  readonly rules: readonly ActiveRule[];
  readonly failOn: FailOn;
  readonly policy: string;
  /** caplint's version, for SARIF and the HTML footer. */
  readonly version?: string;
  /** Where rule docs are published (--docs-base-url), and the installed package (HTML links to its docs otherwise). */
  readonly docs?: { readonly baseUri?: string; readonly packageUri?: string };
  readonly baseline?: { readonly file: string; readonly accepted: number; readonly stale: number };
  /** Objects that held no container (Kubernetes kinds that run none, or that caplint does not know). */
  readonly skipped?: readonly SkippedObject[];
  /** Why there is no subject, when the caller knows better than "no input held a container" (ps --cgroup). */
  readonly noSubjects?: string;
  /** --allow-empty: an audit that audited nothing still passes. */
  readonly allowEmpty?: boolean;
}

export function buildReport(parts: ReportParts): AuditReport {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const present = parts.findings.filter((f) => f.baseline !== 'absent');
  for (const f of present) bySeverity[f.severity]++;
  const sources = new Map<string, string>();
  for (const { document } of parts.subjects) if (document && !sources.has(document.file)) sources.set(document.file, document.text);
  const grouped = groupSkipped(parts.skipped ?? [], parts.subjects, parts.rules);
  const empty = nothingAuditedReason(parts.subjects, parts.rules, parts.policy, parts.noSubjects);
  const suppressed = parts.suppressed ?? [];
  return {
    findings: parts.findings,
    ...(suppressed.length ? { suppressed } : {}),
    errors: parts.errors,
    summary: {
      inputs: parts.inputs,
      subjects: parts.subjects.length,
      findings: present.length,
      ...(suppressed.length ? { suppressed: suppressed.length } : {}),
      errors: parts.errors.length,
      bySeverity,
      failOn: parts.failOn,
      failed: present.some((f) => atOrAbove(f.severity, parts.failOn)),
      ...(parts.baseline ? { baseline: parts.baseline } : {}),
      ...(grouped.notAudited.length ? { notAudited: grouped.notAudited } : {}),
      ...(grouped.skipped.length ? { skipped: grouped.skipped } : {}),
      ...(empty ? { nothingAudited: empty, ...(parts.allowEmpty ? { emptyAllowed: true } : {}) } : {}),
    },
    rules: parts.rules.map(ruleSummary),
    sources,
    policy: parts.policy,
    subjects: parts.subjects.map((s) => s.subject),
    ...(parts.version ? { tool: { version: parts.version, ...(parts.docs?.baseUri ? { docsBaseUri: parts.docs.baseUri } : {}), ...(parts.docs?.packageUri ? { packageUri: parts.docs.packageUri } : {}) } } : {}),
  };
}

export function ruleSummary(active: ActiveRule): RuleSummary {
  const { rule } = active;
  return {
    id: rule.id,
    severity: active.severity ?? rule.meta.severity,
    title: prose(rule.meta.title),
    description: prose(rule.meta.description),
    remediation: prose(rule.meta.remediation),
    references: rule.meta.references,
    docsPath: `docs/rules/${rule.id}.md`,
    appliesTo: rule.meta.appliesTo,
  };
}

/** 0 clean, 1 findings at or above fail-on, 2 any input error (after auditing everything else) or nothing audited. */
export function exitCodeOf(report: AuditReport): number {
  if (report.errors.length) return 2;
  if (report.summary.nothingAudited && !report.summary.emptyAllowed) return 2;
  return report.summary.failed ? 1 : 0;
}
