/** Launch plans for enforcer tests. */
import type { LaunchPlan } from '../../enforcer/launch-plan.js';
import { readLastCap } from '../../enforcer/proc-status.js';
import { maskOf, RUNTIME_DEFAULT_CAPS } from '../../engine/linux/capabilities.js';

/** Docker's default set minus CAP_NET_RAW, as caplint's default profile keeps. */
export const DEFAULT_KEEP = maskOf(RUNTIME_DEFAULT_CAPS.filter((c) => c !== 'CAP_NET_RAW'));

export function plan(argv: string[], overrides: Partial<LaunchPlan> = {}): LaunchPlan {
  return {
    file: argv[0]!,
    argv,
    env: { PATH: '/usr/bin:/bin' },
    cwd: null,
    lastCap: readLastCap(),
    capabilities: { bounding: DEFAULT_KEEP, permitted: DEFAULT_KEEP, effective: DEFAULT_KEEP, inheritable: 0n, ambient: 0n },
    dropBounding: true,
    setCapabilities: true,
    user: null,
    noNewPrivs: true,
    seccomp: null,
    ...overrides,
  };
}
