/** The flags of `caplint serve`, shared by its two modes. */
import { LIVE_OPTIONS } from '../audit/live-options.js';
import type { parse } from '../cli/args.js';
import type { FailOn } from '../model/finding.js';
import type { PrepareOptions } from '../audit/prepare.js';
import { UsageError } from '../errors.js';

export const SERVE_OPTIONS = {
  admission: { type: 'boolean' },
  agent: { type: 'boolean' },
  port: { type: 'string' },
  address: { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  policy: { type: 'string' },
  'fail-on': { type: 'string' },
  config: { type: 'string' },
  'no-config': { type: 'boolean' },
  'rule-file': { type: 'string', multiple: true },
  'seccomp-root': { type: 'string' },
  'max-body': { type: 'string' },
  interval: { type: 'string' },
  'no-filters': LIVE_OPTIONS['no-filters'],
  reference: LIVE_OPTIONS.reference,
  cgroup: LIVE_OPTIONS.cgroup,
  help: { type: 'boolean', short: 'h' },
} as const;

export type ServeValues = ReturnType<typeof parse<typeof SERVE_OPTIONS>>['values'];

/** A whole number within bounds, or a usage error naming the flag. */
export function wholeNumber(flag: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}; got "${value}"`);
  return n;
}


/** The rule-set flags, as `caplint audit` takes them. */
export function ruleOptions(values: ServeValues, failOn: FailOn | undefined, cwd: string): PrepareOptions {
  return {
    cwd,
    noConfig: values['no-config'] === true,
    ruleFiles: values['rule-file'] ?? [],
    ...(values.config !== undefined ? { config: values.config } : {}),
    ...(values.policy !== undefined ? { policy: values.policy } : {}),
    ...(failOn ? { failOn } : {}),
  };
}
