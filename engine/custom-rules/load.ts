/**
 * Custom rules from TypeScript files: checked statically and transpiled here,
 * then run in the rule host, a separate confined process (rule-host.ts).
 * Loaded only when rule files are given, so the audit path without them
 * never imports TypeScript or starts a process.
 */
import { readUserText } from '../inputs/bounded-read.js';
import { resolve } from 'node:path';
import type { InputError } from '../model/finding.js';
import type { RuleDefinition, RuleMeta } from '../rule-api.js';
import type { PreparedRule } from '../runner/run-rules.js';
import { describeFsError } from '../errors.js';
import { ruleShapeProblems } from '../rule-meta-check.js';
import { checkRuleSource, loadEstree } from './check-source.js';
import { loadTypeScript, transpileRule } from './transpile.js';
import { DEFAULT_HOST_SETTINGS, RuleHost } from './rule-host.js';
import type { HostSettings, RuleRef } from './rule-host.js';
import type { Boundary } from './boundary.js';
import { SubjectBatch } from './subject-batch.js';

export const DEFAULT_RULE_TIMEOUT_MS = DEFAULT_HOST_SETTINGS.timeoutMs;

export interface LoadedCustomRules {
  readonly rules: RuleDefinition[];
  readonly errors: InputError[];
  /** What confined the rules, when any ran. */
  readonly boundary?: Boundary;
  /** Ends the rule host. */
  close(): void;
}

export async function loadCustomRules(
  files: readonly string[], cwd: string, takenIds: ReadonlySet<string>, overrides: Partial<HostSettings> = {},
): Promise<LoadedCustomRules> {
  const [estree, ts] = await Promise.all([loadEstree(), loadTypeScript()]);
  const settings: HostSettings = { ...DEFAULT_HOST_SETTINGS, debug: process.env.CAPLINT_DEBUG === '1', forcePermission: process.env.CAPLINT_RULE_HOST === 'permission', ...overrides };
  const errors: InputError[] = [];
  const sources: { file: string; code: string }[] = [];
  for (const file of files) {
    let code: string;
    try {
      code = readUserText(resolve(cwd, file));
    } catch (error) {
      errors.push({ file, line: null, column: null, message: `cannot read the rule file: ${describeFsError(error)}` });
      continue;
    }
    const problems = checkRuleSource(estree, file, code);
    if (problems.length) errors.push(...problems);
    else sources.push({ file, code: transpileRule(ts, file, code) });
  }
  const none = { rules: [], errors, close: () => undefined };
  if (sources.length === 0) return none;
  const started = await RuleHost.start(sources, settings);
  if ('refused' in started) {
    for (const { file } of sources) errors.push({ file, line: null, column: null, message: `custom rules were not run, because caplint cannot confine them here: ${started.refused}` });
    return none;
  }
  const { host, loaded } = started;
  const batch = new SubjectBatch(host);
  const rules: RuleDefinition[] = [];
  const ids = new Set(takenIds);
  loaded.forEach((reply, fileIndex) => {
    const file = sources[fileIndex]!.file;
    const fail = (message: string) => errors.push({ file, line: null, column: null, message });
    if (reply.error !== undefined || !reply.rules) return fail(reply.error ?? 'the rule file failed while loading');
    if (reply.rules.length === 0) fail('the file defines no rule: export default defineRule({ id, meta, check })');
    reply.rules.forEach((info, local) => {
      // A rule's options schema is not compiled here: rule code does not get to write code for the audit process.
      const meta = info.meta && typeof info.meta === 'object' ? { ...(info.meta as RuleMeta), options: undefined } : info.meta;
      const shape = ruleShapeProblems({ id: info.id as string, meta: meta as RuleMeta, check: () => undefined });
      if (shape.length) return fail(`rule ${JSON.stringify(info.id)}: ${shape.join('; ')}`);
      const id = info.id as string;
      if (ids.has(id)) return fail(`rule id "${id}" is already taken`);
      ids.add(id);
      rules.push(hostedRule(id, meta as RuleMeta, batch, { file: fileIndex, local }));
    });
  });
  return { rules, errors, boundary: host.boundary, close: () => host.close() };
}

function hostedRule(id: string, meta: RuleMeta, batch: SubjectBatch, ref: RuleRef): RuleDefinition & PreparedRule {
  batch.add(id, ref);
  return {
    id,
    meta,
    prepare: batch.prepare,
    check(subject, context) {
      const outcome = batch.outcome(subject, id);
      for (const f of outcome.findings) context.report(f.messageId, f.data, f.at, f.severity ? { severity: f.severity } : undefined);
      if (outcome.errors.length) throw new Error(outcome.errors.map(explain).join('; '));
    },
  };
}

/** A rule's own error, with the model's read-only refusal said in caplint's words. */
function explain(text: string): string {
  if (/read.only|not extensible|Cannot assign|Cannot add property|Cannot delete/i.test(text)) return `it tried to change the model, which is read-only (${text})`;
  return text;
}
