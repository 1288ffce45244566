/**
 * `--policy NAME|FILE`: a profile read as an audit policy. Its rule settings
 * (accumulated down the `extends` chain; the default selection when none
 * sets any) choose the rules; its fields (capabilities, noNewPrivileges,
 * forbiddenSyscalls, namespaces, limits) become the options of the rules that
 * enforce them, so what `caplint run --profile P` produces is what
 * `caplint audit --policy P` accepts. The suppression and duplicate-key
 * checks always run.
 */
import type { RuleDefinition } from '../rule-api.js';
import type { ActiveRule } from '../runner/run-rules.js';
import { CaplintError } from '../errors.js';
import { applyRuleSettings } from '../config/rule-settings.js';
import type { RuleSettingValue } from '../config/rule-settings.js';
import { builtInProfileNames, loadProfile } from './profile.js';
import type { ResolvedProfile } from './profile.js';
import { policyOptions } from './policy-options.js';
import { checkRuleOptions } from './rule-options.js';

export interface Policy {
  readonly name: string;
  readonly title: string;
  readonly rules: ActiveRule[];
  readonly profile: ResolvedProfile;
}

export const DEFAULT_POLICY = 'default';
const ALWAYS = 'caplint/suppression';
/** Checks of the input itself, which every policy runs too: a file read two ways cannot be vouched for. */
const ALWAYS_TOO = ['caplint/duplicate-keys'];
const DEFAULT_SELECTION: readonly (readonly [string, RuleSettingValue])[] = [['*', 'on'], ['pss/*', 'off']];

export function builtinPolicyNames(): string[] {
  return builtInProfileNames();
}

export async function loadPolicy(nameOrFile: string, cwd: string, extra: readonly RuleDefinition[] = []): Promise<Policy> {
  const { BUILTIN_RULES } = await import('../../rules/index.js');
  const all = [...BUILTIN_RULES, ...extra];
  const profile = loadProfile(nameOrFile, cwd);
  const settings = profile.settings.length ? profile.settings.map((s) => [s.key, s.value] as const) : DEFAULT_SELECTION;
  const applied = applyRuleSettings(all, [], settings);
  const problem = applied.problems[0];
  if (problem) {
    const at = profile.settings.find((s) => s.key === problem.key);
    throw new CaplintError(`policy ${profile.name}: ${problem.message}`, at ? { file: at.file, line: at.line, column: at.column } : undefined);
  }
  const fromFields = policyOptions(profile);
  const rules = applyRuleSettings(all, applied.rules, fromFields).rules;
  for (const id of [ALWAYS, ...ALWAYS_TOO]) {
    if (rules.some((r) => r.rule.id === id)) continue;
    const always = all.find((r) => r.id === id);
    if (always) rules.push({ rule: always, options: { ...(always.meta.defaultOptions ?? {}) } });
  }
  const known = all.map((r) => r.id);
  const withKnown = rules.map((r) => (r.rule.id === ALWAYS ? { ...r, options: { ...r.options, knownRules: known } } : r));
  await checkRuleOptions(withKnown, profile);
  return { name: profile.name, title: profile.title, rules: withKnown, profile };
}
