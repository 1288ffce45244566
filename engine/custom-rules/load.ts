/**
 * Custom rules from TypeScript files: checked statically, transpiled, and
 * run in a sandbox per file. Loaded only when rule files are given, so the
 * audit path without them never imports TypeScript.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { InputError } from '../model/finding.js';
import type { Subject } from '../model/subject.js';
import type { RuleDefinition, RuleMeta } from '../rule-api.js';
import { describeFsError } from '../errors.js';
import { ruleShapeProblems } from '../rule-meta-check.js';
import { checkRuleSource } from './check-source.js';
import { transpileRule } from './transpile.js';
import { RuleSandbox } from './sandbox.js';

export const DEFAULT_RULE_TIMEOUT_MS = 250;

export interface LoadedCustomRules {
  readonly rules: RuleDefinition[];
  readonly errors: InputError[];
}

/** One JSON text per subject, shared by every sandbox. */
const serialised = new WeakMap<Subject, string>();
function subjectJson(subject: Subject): string {
  let json = serialised.get(subject);
  if (json === undefined) {
    json = JSON.stringify(subject, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    serialised.set(subject, json);
  }
  return json;
}

export function loadCustomRules(files: readonly string[], cwd: string, takenIds: ReadonlySet<string>, timeoutMs = DEFAULT_RULE_TIMEOUT_MS): LoadedCustomRules {
  const rules: RuleDefinition[] = [];
  const errors: InputError[] = [];
  const ids = new Set(takenIds);
  for (const file of files) {
    const fail = (message: string, line: number | null = null, column: number | null = null) => errors.push({ file, line, column, message });
    let code: string;
    try {
      code = readFileSync(resolve(cwd, file), 'utf8');
    } catch (error) {
      fail(`cannot read the rule file: ${describeFsError(error)}`);
      continue;
    }
    const problems = checkRuleSource(file, code);
    if (problems.length) {
      errors.push(...problems);
      continue;
    }
    let sandbox: RuleSandbox;
    let described;
    try {
      sandbox = new RuleSandbox(transpileRule(file, code), timeoutMs);
      described = sandbox.describe();
    } catch (error) {
      fail(`the rule file failed while loading: ${messageOf(error, timeoutMs)}`);
      continue;
    }
    if (described.length === 0) fail('the file defines no rule: export default defineRule({ id, meta, check })');
    described.forEach((info, index) => {
      const shape = ruleShapeProblems({ ...info, check: () => undefined });
      if (shape.length) return fail(`rule ${JSON.stringify(info.id)}: ${shape.join('; ')}`);
      if (ids.has(info.id)) return fail(`rule id "${info.id}" is already taken`);
      ids.add(info.id);
      rules.push(sandboxedRule(info.id, info.meta as RuleMeta, sandbox, index, timeoutMs));
    });
  }
  return { rules, errors };
}

function sandboxedRule(id: string, meta: RuleMeta, sandbox: RuleSandbox, index: number, timeoutMs: number): RuleDefinition {
  return {
    id,
    meta,
    check(subject, context) {
      let found;
      try {
        found = sandbox.check(index, subjectJson(subject), JSON.stringify(context.options));
      } catch (error) {
        throw new Error(messageOf(error, timeoutMs));
      }
      for (const f of found) context.report(f.messageId, f.data, f.at, f.severity ? { severity: f.severity as RuleMeta['severity'] } : undefined);
    },
  };
}

function messageOf(error: unknown, timeoutMs: number): string {
  const text = error && typeof error === 'object' && 'message' in error ? String((error as { message: unknown }).message) : String(error);
  if (/timed out/i.test(text)) return `it ran longer than ${timeoutMs} ms and was stopped`;
  if (/read.only|not extensible|Cannot assign|Cannot add property|Cannot delete/i.test(text)) return `it tried to change the model, which is read-only (${text})`;
  return text;
}
