/**
 * The webhook's judge: the audit engine applied to one API object. The object
 * is rendered as JSON and audited as a Kubernetes input with the rule set
 * `caplint audit` would use (policy, custom rules, config, fail-on), so the
 * cluster and CI give the same answer; there is no second judging path.
 */
import type { FailOn } from '../../model/finding.js';
import type { Audited } from '../../audit/audit-inputs.js';
import { auditInputs } from '../../audit/audit-inputs.js';
import { prepareStrict } from '../../audit/prepare.js';
import type { PrepareOptions } from '../../audit/prepare.js';
import { withoutSuppressions } from './strip-suppressions.js';
import { inUse } from '../in-use.js';

export interface Judge {
  readonly failOn: FailOn;
  /** The policy's title (with the config file when one was used). */
  readonly policy: string;
  readonly exemptNamespaces: ReadonlySet<string>;
  readonly honourSuppressions: boolean;
  /** When this rule set was loaded (ISO time), for reload messages. */
  readonly loadedAt: string;
  /** Audits `object` as the Kubernetes manifest `name`. */
  judge(object: unknown, name: string): Promise<Audited>;
  /** Closes the rule set (and its rule host) once the reviews judging with it have finished. */
  retire(): Promise<void>;
}

export interface JudgeOptions extends PrepareOptions {
  readonly seccompRoot?: string;
}

/** Loads the rule set; a config or policy that does not load is an error, never an empty rule set. */
export async function loadJudge(options: JudgeOptions): Promise<Judge> {
  const prepared = await prepareStrict(options);
  const admission = prepared.config?.config.admission ?? {};
  const honourSuppressions = admission.honourSuppressions === true;
  const rules = prepared.settings.rulesFor('<stdin>');
  const loadOptions = { cwd: options.cwd, ...(options.seccompRoot ? { seccompRoot: options.seccompRoot } : {}) };
  const held = inUse(rules, () => prepared.ruleSet.close());
  return {
    failOn: prepared.settings.failOn,
    policy: prepared.policy,
    exemptNamespaces: new Set(admission.exemptNamespaces ?? []),
    honourSuppressions,
    loadedAt: new Date().toISOString(),
    judge(object, name) {
      const text = JSON.stringify(honourSuppressions ? object : withoutSuppressions(object), null, 2);
      return held.use((active) => auditInputs([{ file: name, text }], active, 'kubernetes', undefined, loadOptions));
    },
    retire: () => held.retire(),
  };
}
