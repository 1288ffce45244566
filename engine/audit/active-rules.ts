/** The rules an audit runs, with their options merged over defaults. */
import type { ActiveRule } from '../runner/run-rules.js';

export async function activeBuiltinRules(): Promise<ActiveRule[]> {
  const { BUILTIN_RULES } = await import('../../rules/index.js');
  return BUILTIN_RULES.map((rule) => ({ rule, options: { ...(rule.meta.defaultOptions ?? {}) } }));
}
