/**
 * The rule set one audit judges with, from the flags over caplint.config.json:
 * config file (found or named), policy, custom rule files, per-rule settings,
 * fail-on. `caplint audit` and `caplint serve` both start here, so a cluster
 * gate judges with exactly what CI judges with.
 */
import type { FailOn } from '../model/finding.js';
import { CaplintError, formatPlace } from '../errors.js';
import type { LoadedConfig } from '../config/load-config.js';
import { findConfig, loadConfig } from '../config/load-config.js';
import { activeRules } from './active-rules.js';
import type { RuleSet } from './active-rules.js';
import { auditSettings } from './settings.js';
import type { AuditSettings } from './settings.js';
import type { OutputSpec } from './outputs.js';

export interface PrepareOptions {
  readonly cwd: string;
  readonly policy?: string;
  /** --config FILE; ignored with noConfig. */
  readonly config?: string;
  readonly noConfig?: boolean;
  readonly ruleFiles?: readonly string[];
  readonly failOn?: FailOn;
  readonly baseline?: string;
  readonly outputs?: readonly OutputSpec[];
}

export interface Prepared {
  readonly config?: LoadedConfig;
  readonly ruleSet: RuleSet;
  readonly settings: AuditSettings;
  /** The policy's title, with the config file when one was used. */
  readonly policy: string;
}

export async function prepareAudit(options: PrepareOptions): Promise<Prepared> {
  const configFile = options.noConfig ? undefined : options.config ?? findConfig(options.cwd);
  const config = configFile === undefined ? undefined : loadConfig(configFile, options.cwd);
  const ruleSet = await activeRules([...(config?.config.ruleFiles ?? []), ...(options.ruleFiles ?? [])], options.cwd, options.policy ?? config?.config.policy).catch((error: unknown) => {
    // A policy the config names and that cannot be loaded is an error at the config's "policy".
    if (options.policy !== undefined || !config?.config.policy || !(error instanceof CaplintError) || error.place) throw error;
    throw new CaplintError(error.message, config.place('/policy'));
  });
  const settings = auditSettings({
    ...(config ? { config } : {}), all: ruleSet.all, active: ruleSet.rules, cwd: options.cwd,
    ...(options.failOn ? { failOn: options.failOn } : {}),
    ...(options.baseline ? { baseline: options.baseline } : {}),
    ...(options.outputs ? { outputs: options.outputs } : {}),
  });
  return { ...(config ? { config } : {}), ruleSet, settings, policy: config ? `${ruleSet.policy} with ${config.file}` : ruleSet.policy };
}

/** For services: a config or policy with any problem is an error, never a partial rule set. */
export async function prepareStrict(options: PrepareOptions): Promise<Prepared> {
  const prepared = await prepareAudit(options);
  const problems = [...prepared.settings.errors, ...prepared.ruleSet.errors];
  if (problems.length) {
    const first = problems[0]!;
    throw new CaplintError(`${formatPlace(first)}${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : ''}`);
  }
  return prepared;
}
