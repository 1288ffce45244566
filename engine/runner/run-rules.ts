/**
 * The rule runner: every applicable rule on every subject. A rule that throws
 * is reported with its id and the input, and the run goes on.
 */
import type { Finding, InputError, Severity } from '../model/finding.js';
import type { LocatedSubject } from '../model/located.js';
import type { ReportData, ReportExtra, RuleDefinition } from '../rule-api.js';
import type { Subject } from '../model/subject.js';
import { fillTemplate } from '../rule-api.js';
import { suppressedBy } from './suppressions.js';
import { CaplintError } from '../errors.js';
import type { Report } from './fold-reports.js';
import { foldReports } from './fold-reports.js';

export interface ActiveRule {
  readonly rule: RuleDefinition;
  /** Severity set by the policy, overriding the rule's own. */
  readonly severity?: Severity;
  readonly options: Readonly<Record<string, unknown>>;
}

/**
 * A rule that does its work for a group of subjects at once before they are
 * checked one by one (custom rules: one call into their rule host per group),
 * given the active rules (and so their options).
 */
export interface PreparedRule {
  prepare(subjects: readonly Subject[], active: readonly ActiveRule[]): Promise<void>;
}

/** Runs every preparer the rules have, once each, on the group. */
export async function prepareRules(subjects: readonly Subject[], rules: readonly ActiveRule[]): Promise<void> {
  const found = new Set<PreparedRule['prepare']>();
  for (const { rule } of rules) {
    const prepare = (rule as Partial<PreparedRule>).prepare;
    if (prepare) found.add(prepare);
  }
  for (const prepare of found) await prepare(subjects, rules);
}

export interface RunOutput {
  readonly findings: Finding[];
  /** Findings a suppression in the input silenced, each carrying its reason. */
  readonly suppressed: Finding[];
  readonly errors: InputError[];
}

export interface RunOptions {
  /** One finding per rule and message on each subject, its values merged (live groups). */
  readonly fold?: boolean;
}

export function runRules(subjects: readonly LocatedSubject[], rules: readonly ActiveRule[], options: RunOptions = {}): RunOutput {
  const findings: Finding[] = [];
  const suppressedFindings: Finding[] = [];
  const errors: InputError[] = [];
  for (const located of subjects) {
    const { subject } = located;
    const suppressed = suppressedBy(subject.annotations);
    for (const active of rules) {
      const { rule } = active;
      if (!rule.meta.appliesTo.includes(subject.kind)) continue;
      if (subject.os !== 'linux' && !(rule.meta.os ?? ['linux']).includes(subject.os)) continue;
      const silenced = suppressed?.(rule.id);
      const held: Report[] = [];
      const keep = (finding: Finding) => {
        if (silenced) suppressedFindings.push({ ...finding, suppression: { kind: 'inSource', justification: silenced.reason, key: silenced.key } });
        else findings.push(finding);
      };
      const report = (messageId: string, data: ReportData, at?: string, extra?: ReportExtra) => {
        if (options.fold) held.push({ messageId, data, at: at ?? 'subject', ...(extra ? { extra } : {}) });
        else keep(makeFinding(located, active, messageId, data, at ?? 'subject', extra));
      };
      try {
        rule.check(subject, { options: active.options, report });
        for (const r of foldReports(held, rule.meta.severity)) keep(makeFinding(located, active, r.messageId, r.data, r.at, r.extra));
      } catch (error) {
        // A known error is a problem of the input (a seccomp profile naming no syscall): said once, where it is.
        if (error instanceof CaplintError) {
          const at = error.place?.line != null ? error.place : located.document?.span(located.locate('subject') ?? '');
          const placed = { file: error.place?.file ?? subject.file ?? subject.name, line: at?.line ?? null, column: at?.column ?? null, message: error.message };
          if (!errors.some((e) => e.file === placed.file && e.line === placed.line && e.message === placed.message)) errors.push(placed);
          continue;
        }
        errors.push({
          file: subject.file ?? subject.name,
          line: null,
          column: null,
          message: `rule ${rule.id} failed on ${subject.name}: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }
  }
  findings.sort(compareFindings);
  suppressedFindings.sort(compareFindings);
  return { findings, suppressed: suppressedFindings, errors };
}

function makeFinding(
  located: LocatedSubject, active: ActiveRule, messageId: string, data: ReportData, at: string, extra?: ReportExtra,
): Finding {
  const { rule } = active;
  const template = Object.hasOwn(rule.meta.messages, messageId) ? rule.meta.messages[messageId] : undefined;
  if (template === undefined) throw new Error(`unknown message id "${messageId}"`);
  const filled = { subject: located.subject.name, ...data };
  const pointer = located.locate(at);
  const span = extra?.place && located.document ? { ...extra.place, pointer: pointer ?? '' } : pointer === null ? undefined : located.document?.span(pointer);
  return {
    ruleId: rule.id,
    severity: active.severity ?? extra?.severity ?? rule.meta.severity,
    message: fillTemplate(template, filled),
    rationale: shared(fillTemplate(rule.meta.rationale, filled)),
    remediation: shared(fillTemplate(rule.meta.remediation, filled)),
    subject: located.subject.name,
    subjectKind: located.subject.kind,
    file: located.subject.file,
    line: span?.line ?? null,
    column: span?.column ?? null,
    endLine: span?.endLine ?? null,
    endColumn: span?.endColumn ?? null,
    pointer: span?.pointer ?? pointer,
    ...(located.subject.pid !== undefined ? { pid: located.subject.pid } : {}),
  };
}

/**
 * One copy of each rationale and remediation text: findings of one rule
 * mostly repeat them, and a long audit keeps every finding until it reports.
 * Bounded, so distinct texts cannot grow it without limit.
 */
const texts = new Map<string, string>();

function shared(text: string): string {
  const found = texts.get(text);
  if (found !== undefined) return found;
  if (texts.size >= 4096) texts.clear();
  texts.set(text, text);
  return text;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.file ?? '', b.file ?? '') ||
    (a.pid ?? 0) - (b.pid ?? 0) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.column ?? 0) - (b.column ?? 0) ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.message, b.message)
  );
}

/** Texts by UTF-16 code unit: a stable order that, unlike localeCompare, loads no ICU collator (some 15 ms at first use). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
