/** JUnit test cases: one per (subject, rule that applies to it), plus one per input error. */
import type { AuditReport, Finding, InputError, RuleSummary, Severity } from '../../engine/model/finding.js';
import { severityRank } from '../../engine/model/finding.js';
import { findingPlace, locationLabel } from '../common/location.js';
import { currentFindings, findingSubjectKey, groupBy, ruleGroup } from '../common/order.js';
import { subjectRefs } from '../common/subjects.js';
import type { SubjectRef } from '../common/subjects.js';

export interface Outcome {
  readonly kind: 'failure' | 'error';
  readonly type: string;
  readonly message: string;
  readonly body: string;
}

export interface TestCase {
  readonly name: string;
  readonly classname: string;
  readonly file?: string;
  readonly line?: number;
  readonly outcome?: Outcome;
}

export interface Suite {
  readonly name: string;
  readonly properties: readonly (readonly [string, string])[];
  readonly cases: readonly TestCase[];
}

function applies(rule: RuleSummary, subject: SubjectRef): boolean {
  return rule.appliesTo === undefined || rule.appliesTo.includes(subject.kind);
}

function failure(findings: readonly Finding[], cwd: string): Outcome {
  const worst = findings.reduce<Severity>((w, f) => (severityRank(f.severity) > severityRank(w) ? f.severity : w), 'info');
  const first = findings[0]!;
  const message = findings.length === 1 ? first.message : `${findings.length} findings; first: ${first.message}`;
  const body = findings
    .map((f) => `${findingPlace(f, cwd)}: ${f.severity} ${f.ruleId}\n${f.message}\nwhy: ${f.rationale}\nhelp: ${f.remediation}`)
    .join('\n\n');
  return { kind: 'failure', type: worst, message, body };
}

function subjectSuite(subject: SubjectRef, rules: readonly RuleSummary[], findings: readonly Finding[], cwd: string): Suite {
  const byRule = groupBy(findings, (f) => f.ruleId);
  const ids = new Set([...rules.filter((r) => applies(r, subject)).map((r) => r.id), ...byRule.keys()]);
  const file = subject.file === null ? undefined : locationLabel({ file: subject.file, line: null, column: null }, cwd)!;
  const cases = [...ids].sort().map((id): TestCase => {
    const hits = byRule.get(id);
    const line = hits?.[0]?.line ?? undefined;
    return {
      name: id,
      classname: `caplint.${ruleGroup(id)}`,
      ...(file !== undefined ? { file } : {}),
      ...(line !== undefined ? { line } : {}),
      ...(hits ? { outcome: failure(hits, cwd) } : {}),
    };
  });
  const name = file === undefined ? subject.name : `${file}: ${subject.name}`;
  const properties: [string, string][] = [['subject', subject.name], ['kind', subject.kind]];
  if (file !== undefined) properties.push(['file', file]);
  return { name, properties, cases };
}

function errorCase(error: InputError, cwd: string): TestCase {
  const where = locationLabel(error, cwd)!;
  const file = locationLabel({ ...error, line: null, column: null }, cwd)!;
  return {
    name: file,
    classname: 'caplint.input',
    file,
    ...(error.line !== null ? { line: error.line } : {}),
    outcome: { kind: 'error', type: 'input-error', message: error.message, body: `${where}: ${error.message}` },
  };
}

export function suites(report: AuditReport, cwd: string): Suite[] {
  const bySubject = groupBy(currentFindings(report.findings), findingSubjectKey);
  const out = subjectRefs(report).map((s) => subjectSuite(s, report.rules, bySubject.get(s.key) ?? [], cwd));
  if (report.errors.length) out.push({ name: 'input errors', properties: [], cases: report.errors.map((e) => errorCase(e, cwd)) });
  return out;
}
