/**
 * Custom rules from TypeScript files: checked statically, transpiled, and
 * run in a sandbox per file. Loaded only when rule files are given, so the
 * audit path without them never imports TypeScript.
 */
import { readUserText } from '../inputs/bounded-read.js';
import { resolve } from 'node:path';
import type { InputError } from '../model/finding.js';
import type { Subject } from '../model/subject.js';
import type { RuleDefinition, RuleMeta } from '../rule-api.js';
import type { PreparedRule } from '../runner/run-rules.js';
import { describeFsError } from '../errors.js';
import { ruleShapeProblems } from '../rule-meta-check.js';
import { checkRuleSource, loadEstree } from './check-source.js';
import { loadTypeScript, transpileRule } from './transpile.js';
import { RuleSandbox } from './sandbox.js';
import { profileDocumentText } from '../seccomp/analyse.js';
import type { SandboxOutcome } from './sandbox.js';

export const DEFAULT_RULE_TIMEOUT_MS = 250;

export interface LoadedCustomRules {
  readonly rules: RuleDefinition[];
  readonly errors: InputError[];
}

/** A subject as JSON for the sandbox, and the seccomp document it refers to (sent once, by id). */
interface SubjectText {
  readonly json: string;
  readonly document?: { readonly id: number; readonly text: string };
}

const serialised = new WeakMap<Subject, SubjectText>();
const documentIds = new Map<string, number>();

function subjectText(subject: Subject): SubjectText {
  let found = serialised.get(subject);
  if (found) return found;
  const profile = subject.seccomp.mode === 'filter' ? subject.seccomp.profile : undefined;
  const doc = profile?.document;
  let document: SubjectText['document'];
  if (doc !== null && typeof doc === 'object') {
    const text = profileDocumentText(doc);
    let id = documentIds.get(text);
    if (id === undefined) documentIds.set(text, (id = documentIds.size));
    document = { id, text };
  }
  // `origin` is the profile's source document (text and line table), not model data; the profile document goes by id.
  const json = JSON.stringify(subject, function (this: unknown, key, v: unknown) {
    if (key === 'origin') return undefined;
    if (key === 'document' && document && this === profile) return { $document: document.id };
    return typeof v === 'bigint' ? v.toString() : v;
  });
  found = document ? { json, document } : { json };
  serialised.set(subject, found);
  return found;
}

export async function loadCustomRules(
  files: readonly string[], cwd: string, takenIds: ReadonlySet<string>, timeoutMs = DEFAULT_RULE_TIMEOUT_MS,
): Promise<LoadedCustomRules> {
  const [estree, ts] = await Promise.all([loadEstree(), loadTypeScript()]);
  const rules: RuleDefinition[] = [];
  const errors: InputError[] = [];
  const ids = new Set(takenIds);
  const sandbox = new RuleSandbox(timeoutMs);
  const batch = new SubjectBatch(sandbox);
  const prepare = (subjects: readonly Subject[]) => batch.prepare(subjects);
  for (const file of files) {
    const fail = (message: string, line: number | null = null, column: number | null = null) => errors.push({ file, line, column, message });
    let code: string;
    try {
      code = readUserText(resolve(cwd, file));
    } catch (error) {
      fail(`cannot read the rule file: ${describeFsError(error)}`);
      continue;
    }
    const problems = checkRuleSource(estree, file, code);
    if (problems.length) {
      errors.push(...problems);
      continue;
    }
    const first = sandbox.count();
    let described;
    try {
      described = sandbox.addFile(transpileRule(ts, file, code), file);
    } catch (error) {
      fail(`the rule file failed while loading: ${messageOf(error, timeoutMs)}`);
      continue;
    }
    if (described.length === 0) fail('the file defines no rule: export default defineRule({ id, meta, check })');
    described.forEach((info, i) => {
      const shape = ruleShapeProblems({ ...info, check: () => undefined });
      if (shape.length) return fail(`rule ${JSON.stringify(info.id)}: ${shape.join('; ')}`);
      if (ids.has(info.id)) return fail(`rule id "${info.id}" is already taken`);
      ids.add(info.id);
      rules.push(sandboxedRule(info.id, info.meta as RuleMeta, batch, prepare, first + i, timeoutMs));
    });
  }
  batch.options = JSON.stringify(Array.from({ length: sandbox.count() }, () => ({})));
  return { rules, errors };
}

/**
 * Runs every custom rule on a group of subjects in one call into the
 * sandbox (prepare), or on one subject the first time a rule asks about it.
 */
class SubjectBatch {
  options = '[]';
  private outcomes = new Map<Subject, SandboxOutcome[]>();
  private readonly sent = new Set<number>();
  constructor(private readonly sandbox: RuleSandbox) {}

  prepare(subjects: readonly Subject[]): void {
    this.outcomes = new Map();
    const results = this.check(subjects);
    subjects.forEach((s, i) => this.outcomes.set(s, results[i]!));
  }

  outcome(subject: Subject, index: number): SandboxOutcome {
    let found = this.outcomes.get(subject);
    if (!found) {
      found = this.check([subject])[0]!;
      this.outcomes.set(subject, found);
    }
    return found[index] ?? { findings: [], error: 'the rule did not run' };
  }

  private check(subjects: readonly Subject[]): SandboxOutcome[][] {
    const texts = subjects.map(subjectText);
    const fresh = new Map<number, string>();
    for (const t of texts) if (t.document && !this.sent.has(t.document.id)) fresh.set(t.document.id, t.document.text);
    this.sandbox.addDocuments([...fresh]);
    for (const id of fresh.keys()) this.sent.add(id);
    return this.sandbox.checkMany(texts.map((t) => t.json), this.options);
  }
}

function sandboxedRule(
  id: string, meta: RuleMeta, batch: SubjectBatch, prepare: PreparedRule['prepare'], index: number, timeoutMs: number,
): RuleDefinition & PreparedRule {
  return {
    id,
    meta,
    prepare,
    check(subject, context) {
      let outcome: SandboxOutcome;
      try {
        outcome = batch.outcome(subject, index);
      } catch (error) {
        throw new Error(messageOf(error, timeoutMs));
      }
      if (outcome.skipped) return;
      if (outcome.error !== undefined) throw new Error(messageOf(outcome.error, timeoutMs));
      for (const f of outcome.findings) context.report(f.messageId, f.data, f.at, f.severity ? { severity: f.severity as RuleMeta['severity'] } : undefined);
    },
  };
}

function messageOf(error: unknown, timeoutMs: number): string {
  const text = typeof error === 'string' ? error : error && typeof error === 'object' && 'message' in error ? String((error as { message: unknown }).message) : String(error);
  if (/ran longer than/i.test(text)) return text;
  if (/timed out/i.test(text)) return `it ran longer than ${timeoutMs} ms and was stopped`;
  if (/read.only|not extensible|Cannot assign|Cannot add property|Cannot delete/i.test(text)) return `it tried to change the model, which is read-only (${text})`;
  return text;
}
