/**
 * What /proc/PID/status of the child must show after execve, and the check.
 * Exec rules (man 7 capabilities): for a uid-0 child, permitted becomes the
 * bounding set, cut back to the old permitted set under no_new_privs; a
 * non-root child keeps only its ambient set. Effective holds no more than that.
 */
import { namesOfMask } from '../engine/linux/capabilities.js';
import type { LaunchPlan } from './launch-plan.js';
import type { ConfinementStatus } from './proc-status.js';

export interface ExpectedStatus {
  readonly capBnd: bigint;
  readonly capAmb: bigint;
  /** Upper bound: the program may drop more on its own. */
  readonly capEff: bigint;
  readonly noNewPrivs: boolean;
  readonly seccomp: number;
  readonly minFilters: number;
}

export function expectedStatus(plan: LaunchPlan, own: ConfinementStatus): ExpectedStatus {
  const bounding = plan.dropBounding ? plan.capabilities.bounding : own.capBnd;
  const caps = plan.setCapabilities ? plan.capabilities : { ...plan.capabilities, permitted: own.capPrm, ambient: own.capAmb };
  const uid = plan.user ? plan.user.uid : own.uids[1];
  const noNewPrivs = plan.noNewPrivs || own.noNewPrivs;
  const rootEff = noNewPrivs ? caps.permitted & bounding : bounding;
  return {
    capBnd: bounding,
    capAmb: caps.ambient,
    capEff: uid === 0 ? rootEff : caps.ambient,
    noNewPrivs,
    seccomp: plan.seccomp ? 2 : own.seccomp,
    minFilters: (own.seccompFilters ?? 0) + (plan.seccomp ? 1 : 0),
  };
}

const hex = (mask: bigint): string => mask.toString(16).padStart(16, '0');

function capDiff(label: string, got: bigint, want: bigint, lastCap: number): string {
  const extra = namesOfMask(got & ~want, lastCap);
  const missing = namesOfMask(want & ~got, lastCap);
  const parts = [extra.length ? `holds ${extra.join(', ')}` : '', missing.length ? `lacks ${missing.join(', ')}` : ''].filter(Boolean);
  return `${label} is ${hex(got)}, planned ${hex(want)} (${parts.join('; ')})`;
}

/** Every way the status differs from the plan; empty when it matches. */
export function verifyStatus(status: ConfinementStatus, want: ExpectedStatus, lastCap: number): string[] {
  const problems: string[] = [];
  if (status.capBnd !== want.capBnd) problems.push(capDiff('CapBnd', status.capBnd, want.capBnd, lastCap));
  if (status.capAmb !== want.capAmb) problems.push(capDiff('CapAmb', status.capAmb, want.capAmb, lastCap));
  if ((status.capEff & ~want.capEff) !== 0n) problems.push(capDiff('CapEff', status.capEff, want.capEff, lastCap));
  if (status.noNewPrivs !== want.noNewPrivs) problems.push(`NoNewPrivs is ${status.noNewPrivs ? 1 : 0}, planned ${want.noNewPrivs ? 1 : 0}`);
  if (status.seccomp !== want.seccomp) problems.push(`Seccomp is ${status.seccomp}, planned ${want.seccomp}`);
  if (status.seccompFilters !== null && status.seccompFilters < want.minFilters)
    problems.push(`Seccomp_filters is ${status.seccompFilters}, planned at least ${want.minFilters}`);
  return problems;
}
