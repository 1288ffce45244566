/** Findings, errors and subjects → the AuditReport every format reads. */
import type { AuditReport, FailOn, Finding, InputError, RuleSummary, Severity } from '../model/finding.js';
import { SEVERITIES, atOrAbove } from '../model/finding.js';
import type { LocatedSubject } from '../model/located.js';
import type { ActiveRule } from '../runner/run-rules.js';
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
}

export function buildReport(parts: ReportParts): AuditReport {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const present = parts.findings.filter((f) => f.baseline !== 'absent');
  for (const f of present) bySeverity[f.severity]++;
  const sources = new Map<string, string>();
  for (const { document } of parts.subjects) if (document && !sources.has(document.file)) sources.set(document.file, document.text);
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

/** 0 clean, 1 findings at or above fail-on, 2 any input error (after auditing everything else). */
export function exitCodeOf(report: AuditReport): number {
  if (report.errors.length) return 2;
  return report.summary.failed ? 1 : 0;
}
