/**
 * Options a policy's rule settings give a rule (`"id": { "options": ... }`)
 * are checked against the rule's JSON Schema (meta.options). Options derived
 * from profile fields were checked by the profile schema already, so ajv is
 * loaded only when a profile writes options by hand.
 */
import type { ActiveRule } from '../runner/run-rules.js';
import { CaplintError } from '../errors.js';
import type { ResolvedProfile } from './profile.js';
import { globToRegExp } from '../config/glob.js';

export async function checkRuleOptions(rules: readonly ActiveRule[], profile: ResolvedProfile): Promise<void> {
  const written = new Set(profile.settings.filter((s) => typeof s.value === 'object' && s.value.options).map((s) => s.key));
  const withSchema = rules.filter((r) => r.rule.meta.options && [...written].some((key) => key === r.rule.id || (key.includes('*') && globToRegExp(key).test(r.rule.id))));
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
