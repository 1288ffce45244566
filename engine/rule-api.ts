/**
 * The rule API: built-in rules and users' custom rules share this shape.
 * A rule reads a Subject and reports through the context; it reads no files
 * and keeps no state.
 */
import type { Severity } from './model/finding.js';
import type { Subject, SubjectKind } from './model/subject.js';
import type { ModelKey } from './model/keys.js';

export interface RuleMeta {
  readonly severity: Severity;
  readonly appliesTo: readonly SubjectKind[];
  /** Operating systems the rule judges; Linux only unless it says otherwise. */
  readonly os?: readonly ('linux' | 'windows' | 'other')[];
  readonly title: string;
  /** One paragraph for the docs page. */
  readonly description: string;
  /** Message templates by id; `{{subject}}` and the report's data fill placeholders. */
  readonly messages: Readonly<Record<string, string>>;
  /** Why it matters (may use placeholders). */
  readonly rationale: string;
  /** What to do (may use placeholders). */
  readonly remediation: string;
  readonly references: readonly string[];
  /** JSON Schema of the rule's options, if it takes any. */
  readonly options?: Readonly<Record<string, unknown>>;
  readonly defaultOptions?: Readonly<Record<string, unknown>>;
}

export type ReportData = Readonly<Record<string, string | number>>;

export interface ReportExtra {
  /** Severity of this one finding when it differs from the rule's (e.g. per capability). */
  readonly severity?: Severity;
  /** An exact place in the subject's own file, for findings about the text itself (a key written twice). */
  readonly place?: { readonly line: number; readonly column: number; readonly endLine: number; readonly endColumn: number };
}

export interface RuleContext {
  readonly options: Readonly<Record<string, unknown>>;
  report(messageId: string, data: ReportData, at?: ModelKey, extra?: ReportExtra): void;
}

export interface RuleDefinition {
  readonly id: string;
  readonly meta: RuleMeta;
  check(subject: Subject, context: RuleContext): void;
}

export function defineRule<const R extends RuleDefinition>(rule: R): R {
  return rule;
}

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/** Templates split once into literal text and placeholder names (even indexes literal, odd names). */
const compiled = new Map<string, readonly string[]>();

function parts(template: string): readonly string[] {
  let found = compiled.get(template);
  if (!found) {
    found = template.split(PLACEHOLDER);
    if (compiled.size > 4096) compiled.clear();
    compiled.set(template, found);
  }
  return found;
}

/** Fill `{{name}}` placeholders; an unfilled one is a bug in the rule, so it throws. */
export function fillTemplate(template: string, data: ReportData): string {
  const pieces = parts(template);
  if (pieces.length === 1) return template;
  let out = pieces[0]!;
  for (let i = 1; i < pieces.length; i += 2) {
    const name = pieces[i]!;
    const value = data[name];
    if (value === undefined) throw new Error(`placeholder {{${name}}} has no value`);
    out += String(value) + pieces[i + 1]!;
  }
  return out;
}

export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}
