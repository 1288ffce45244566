/** The rules an audit runs by default (the `default` policy), with their options merged over defaults. */
import type { ActiveRule } from '../runner/run-rules.js';
import { DEFAULT_POLICY, loadPolicy } from '../policy/load-policy.js';

export async function activeBuiltinRules(): Promise<ActiveRule[]> {
  // A built-in policy is found by name, never relative to a directory.
  return (await loadPolicy(DEFAULT_POLICY, '/')).rules;
}
