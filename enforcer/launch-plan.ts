/**
 * A launch plan: everything the child applies between clone and execve,
 * decided in TypeScript. The child applies it in this fixed order (after the
 * namespace and cgroup steps of isolation-plan.ts, when there are any), and
 * any failed step stops it before execve (nothing runs half-confined):
 *
 *  1. signal dispositions reset to default, mask cleared
 *  2. descriptors above 2 marked close-on-exec (close_range, fcntl fallback)
 *  3. stdio: a closed 0-2 opened on /dev/null, O_NONBLOCK cleared on 0-2
 *  4. PR_CAPBSET_DROP for each bounding bit not kept (needs CAP_SETPCAP, so first)
 *  5. with a user: PR_SET_KEEPCAPS, setgroups([]), setresgid, setresuid
 *  6. capset v3: permitted, effective, inheritable
 *  7. ambient: clear all, raise each kept bit
 *  8. PR_SET_PDEATHSIG(SIGKILL), then getppid() is still caplint (after the id
 *     change, which would clear it)
 *  9. chdir
 * 10. PR_SET_NO_NEW_PRIVS
 * 11. seccomp(SECCOMP_SET_MODE_FILTER, flags, program), last: it must allow execve
 * 12. execve
 */
import type { NativePlan } from './native-binding.js';
import { toNativeIsolation } from './isolation-plan.js';
import type { IsolationPlan } from './isolation-plan.js';

export const SECCOMP_FLAGS = { TSYNC: 1, LOG: 2, SPEC_ALLOW: 4 } as const;
export type SeccompFlag = keyof typeof SECCOMP_FLAGS;

export interface CapabilityMasks {
  readonly bounding: bigint;
  readonly permitted: bigint;
  readonly effective: bigint;
  readonly inheritable: bigint;
  readonly ambient: bigint;
}

export interface LaunchPlan {
  /** The file to execve (PATH already searched). */
  readonly file: string;
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string | null;
  readonly lastCap: number;
  readonly capabilities: CapabilityMasks;
  /** False only for a partial launch that cannot drop the bounding set. */
  readonly dropBounding: boolean;
  /** False: leave the five sets as inherited (only for a partial launch). */
  readonly setCapabilities: boolean;
  readonly user: { readonly uid: number; readonly gid: number } | null;
  readonly noNewPrivs: boolean;
  readonly seccomp: { readonly program: Uint8Array; readonly flags: readonly SeccompFlag[] } | null;
  /** Namespaces and cgroups (isolation-plan.ts); absent or null for none. */
  readonly isolation?: IsolationPlan | null;
}

const U64 = (1n << 64n) - 1n;

/** The plan as the addon takes it; throws on values the kernel could not take. */
export function toNativePlan(plan: LaunchPlan): NativePlan {
  if (plan.argv.length === 0) throw new TypeError('launch plan: argv is empty');
  if (!Number.isInteger(plan.lastCap) || plan.lastCap < 0 || plan.lastCap > 63) throw new RangeError(`launch plan: lastCap ${plan.lastCap} is not a capability bit`);
  for (const [set, mask] of Object.entries(plan.capabilities))
    if (mask < 0n || mask > U64) throw new RangeError(`launch plan: the ${set} mask is not a 64-bit mask`);
  const caps = plan.capabilities;
  if ((caps.ambient & ~(caps.permitted & caps.inheritable)) !== 0n) throw new RangeError('launch plan: ambient must be within permitted and inheritable');
  if ((caps.effective & ~caps.permitted) !== 0n) throw new RangeError('launch plan: effective must be within permitted');
  if (plan.seccomp && (plan.seccomp.program.length === 0 || plan.seccomp.program.length % 8 !== 0))
    throw new RangeError('launch plan: the seccomp program must be whole 8-byte instructions');
  const env = Object.entries(plan.env).filter((e): e is [string, string] => e[1] !== undefined).map(([k, v]) => `${k}=${v}`);
  return {
    file: plan.file,
    argv: [...plan.argv],
    env,
    cwd: plan.cwd,
    lastCap: plan.lastCap,
    dropBounding: plan.dropBounding,
    bounding: caps.bounding,
    setCapabilities: plan.setCapabilities,
    permitted: caps.permitted,
    effective: caps.effective,
    inheritable: caps.inheritable,
    ambient: caps.ambient,
    uid: plan.user?.uid ?? null,
    gid: plan.user?.gid ?? null,
    noNewPrivs: plan.noNewPrivs,
    seccomp: plan.seccomp?.program ?? null,
    seccompFlags: (plan.seccomp?.flags ?? []).reduce((bits, flag) => bits | SECCOMP_FLAGS[flag], 0),
    isolation: plan.isolation ? toNativeIsolation(plan.isolation) : null,
  };
}
