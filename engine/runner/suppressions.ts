/**
 * Suppressions written in the inputs: annotations (Kubernetes, OCI) or
 * labels and `x-caplint` (compose) named `caplint.dev/ignore` or
 * `caplint.dev/ignore.<scope>`. A value holds one or more entries, separated
 * by line breaks or `;`, each `<rule-id>[,<rule-id>]: <reason>`. Each input
 * keeps on a Subject only the suppressions that apply to it (a Kubernetes
 * annotation scoped to another container is dropped). An entry without a
 * reason does not apply; `caplint/suppression` reports it, and rule ids that
 * name no rule. Suppressed findings are kept aside with their reason.
 */
export const SUPPRESSION_KEY = 'caplint.dev/ignore';

export interface Suppression {
  /** The annotation key, for locating it. */
  readonly key: string;
  /** The entry as written, for messages. */
  readonly entry: string;
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
    const entries = value.split(/[\n;]/).map((e) => e.trim()).filter(Boolean);
    if (entries.length === 0) out.push({ key, entry: '', ids: [], reason: '' });
    for (const entry of entries) {
      const colon = entry.indexOf(':');
      const ids = (colon < 0 ? entry : entry.slice(0, colon)).split(',').map((s) => s.trim()).filter(Boolean);
      out.push({ key, entry, ids, reason: colon < 0 ? '' : entry.slice(colon + 1).trim() });
    }
  }
  return out;
}

/** `capabilities/no-dangerous`, `pss/*`, `*`. */
export function matchesRule(pattern: string, ruleId: string): boolean {
  if (pattern === '*') return true;
  return pattern.endsWith('/*') ? ruleId.startsWith(pattern.slice(0, -1)) : pattern === ruleId;
}

/** What silences a rule on a subject: the reason and where it was written. */
export interface SuppressedBy {
  readonly key: string;
  readonly reason: string;
}

/** For a subject's annotations: the first valid entry that silences a rule id, if any. */
export function suppressedBy(annotations: Readonly<Record<string, string>>): ((ruleId: string) => SuppressedBy | undefined) | undefined {
  const valid = parseSuppressions(annotations).filter((s) => s.reason !== '' && s.ids.length > 0);
  if (valid.length === 0) return undefined;
  return (ruleId) => {
    if (ruleId === 'caplint/suppression') return undefined;
    const hit = valid.find((s) => s.ids.some((p) => matchesRule(p, ruleId)));
    return hit && { key: hit.key, reason: hit.reason };
  };
}
