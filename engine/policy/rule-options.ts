/**
 * Options a policy gives a rule are checked against the rule's JSON Schema
 * (meta.options); ajv is loaded only when some rule declares one.
 */
import type { ActiveRule } from '../runner/run-rules.js';
import { CaplintError } from '../errors.js';
import type { ResolvedProfile } from './profile.js';

export async function checkRuleOptions(rules: readonly ActiveRule[], profile: ResolvedProfile): Promise<void> {
  const withSchema = rules.filter((r) => r.rule.meta.options && Object.keys(r.options).length > 0);
  if (withSchema.length === 0) return;
  const mod = (await import('ajv')) as unknown as { Ajv?: typeof import('ajv').default; default: typeof import('ajv').default };
  const Ajv = mod.Ajv ?? mod.default;
  const ajv = new Ajv({ allErrors: false, strict: false });
  for (const { rule, options } of withSchema) {
    const check = ajv.compile(rule.meta.options!);
    if (check(options)) continue;
    const error = check.errors![0]!;
    const setting = [...profile.settings].reverse().find((s) => s.key === rule.id);
    const where = error.instancePath ? `option ${error.instancePath.slice(1).replace(/\//g, '.')}` : 'its options';
    throw new CaplintError(
      `policy ${profile.name}: rule ${rule.id}: ${where} ${error.message ?? 'is invalid'}`,
      setting ? { file: setting.file, line: setting.line, column: setting.column } : profile.place('limits'),
    );
  }
}
