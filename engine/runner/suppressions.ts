/**
 * Suppressions written in the inputs: annotations (Kubernetes, OCI) or
 * labels and `x-caplint` (compose) named `caplint.dev/ignore` or
 * `caplint.dev/ignore.<scope>`, valued `<rule-id>[,<rule-id>]: <reason>`.
 * Each input keeps on a Subject only the suppressions that apply to it (a
 * Kubernetes annotation scoped to another container is dropped). A
 * suppression without a reason does not apply; `caplint/suppression`
 * reports it, and rule ids that name no rule.
 */
export const SUPPRESSION_KEY = 'caplint.dev/ignore';

export interface Suppression {
  /** The annotation key, for locating it. */
  readonly key: string;
  readonly ids: readonly string[];
  readonly reason: string;
}

export function isSuppressionKey(key: string): boolean {
  return key === SUPPRESSION_KEY || key.startsWith(`${SUPPRESSION_KEY}.`);
}

export function parseSuppressions(annotations: Readonly<Record<string, string>>): Suppression[] {
  const out: Suppression[] = [];
  for (const [key, value] of Object.entries(annotations)) {
    if (!isSuppressionKey(key)) continue;
    const colon = value.indexOf(':');
    const ids = (colon < 0 ? value : value.slice(0, colon)).split(',').map((s) => s.trim()).filter(Boolean);
    out.push({ key, ids, reason: colon < 0 ? '' : value.slice(colon + 1).trim() });
  }
  return out;
}

/** `capabilities/no-dangerous`, `pss/*`, `*`. */
export function matchesRule(pattern: string, ruleId: string): boolean {
  if (pattern === '*') return true;
  return pattern.endsWith('/*') ? ruleId.startsWith(pattern.slice(0, -1)) : pattern === ruleId;
}

/** The rule ids a subject's valid suppressions silence, as a test. */
export function suppressedBy(annotations: Readonly<Record<string, string>>): ((ruleId: string) => boolean) | undefined {
  const patterns = parseSuppressions(annotations).filter((s) => s.reason !== '').flatMap((s) => s.ids);
  if (patterns.length === 0) return undefined;
  return (ruleId) => ruleId !== 'caplint/suppression' && patterns.some((p) => matchesRule(p, ruleId));
}
