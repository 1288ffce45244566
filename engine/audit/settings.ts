/**
 * What one audit run uses, from the command line over caplint.config.json
 * over the defaults: rules (with per-path overrides), fail-on, baseline,
 * report outputs. Config problems are errors placed in the config file.
 */
import { relative, sep } from 'node:path';
import type { FailOn, InputError } from '../model/finding.js';
import type { ActiveRule } from '../runner/run-rules.js';
import type { RuleDefinition } from '../rule-api.js';
import type { LoadedConfig } from '../config/load-config.js';
import { applyRuleSettings } from '../config/rule-settings.js';
import { matchesAny } from '../config/glob.js';
import type { OutputSpec } from './outputs.js';

export interface AuditSettings {
  readonly failOn: FailOn;
  readonly baseline?: string;
  readonly outputs: readonly OutputSpec[];
  readonly errors: readonly InputError[];
  /** The rules for one input (overrides may differ by path). */
  rulesFor(file: string): readonly ActiveRule[];
}

export interface SettingsInput {
  readonly config?: LoadedConfig;
  readonly all: readonly RuleDefinition[];
  readonly active: readonly ActiveRule[];
  readonly failOn?: FailOn;
  readonly baseline?: string;
  /** From --format/--output, when any was given. */
  readonly outputs?: readonly OutputSpec[];
  readonly cwd: string;
}

export function auditSettings(input: SettingsInput): AuditSettings {
  const { config } = input;
  const errors: InputError[] = [];
  const settle = (active: readonly ActiveRule[], rules: Readonly<Record<string, string>>, pointer: string) => {
    const applied = applyRuleSettings(input.all, active, rules);
    for (const p of applied.problems) errors.push({ ...config!.place(`${pointer}/${p.key.replace(/~/g, '~0').replace(/\//g, '~1')}`), message: p.message });
    return applied.rules;
  };
  const base = config?.config.rules ? settle(input.active, config.config.rules, '/rules') : [...input.active];
  const overrides = (config?.overrides ?? []).map((o) => ({ globs: o.globs, rules: settle(base, o.rules, o.pointer), raw: o.rules }));
  const cache = new Map<string, readonly ActiveRule[]>();
  return {
    failOn: input.failOn ?? config?.config.failOn ?? 'high',
    ...(input.baseline ?? config?.config.baseline ? { baseline: (input.baseline ?? config?.config.baseline)! } : {}),
    outputs: input.outputs ?? config?.config.reports ?? [{ format: 'text' }],
    errors,
    rulesFor(file) {
      if (!config || overrides.length === 0 || file === '<stdin>') return base;
      const path = relative(config.dir, file.startsWith('/') ? file : `${input.cwd}/${file}`).split(sep).join('/');
      const matched = overrides.filter((o) => matchesAny(path, o.globs));
      if (matched.length === 0) return base;
      const key = matched.map((o) => overrides.indexOf(o)).join(',');
      let rules = cache.get(key);
      if (!rules) {
        rules = matched.reduce<readonly ActiveRule[]>((acc, o) => applyRuleSettings(input.all, acc, o.raw).rules, base);
        cache.set(key, rules);
      }
      return rules;
    },
  };
}
