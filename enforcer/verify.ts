/**
 * What /proc/PID/status of the child may show after execve, and the check.
 * Exec rules (man 7 capabilities): for a uid-0 child, permitted becomes the
 * bounding set, cut back to the old permitted set under no_new_privs; a
 * non-root child keeps only its ambient set.
 *
 * Every check is one-sided, because the program runs before caplint reads its
 * status and may drop more on its own (its bounding set, its ambient set, a
 * file with capabilities clears ambient): holding *less* than planned is
 * fine, holding more, or lacking no_new_privs or the filter, is not. Those
 * can only grow stricter after exec, so the check has no race.
 */
import { namesOfMask } from '../engine/linux/capabilities.js';
import type { LaunchPlan } from './launch-plan.js';
import type { ConfinementStatus } from './proc-status.js';

/** Upper bounds for the capability sets; required values for the rest. */
export interface ExpectedStatus {
  readonly capBnd: bigint;
  readonly capAmb: bigint;
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

function beyond(label: string, got: bigint, want: bigint, lastCap: number): string[] {
  const extra = got & ~want;
  return extra === 0n ? [] : [`${label} is ${hex(got)}, planned at most ${hex(want)} (holds ${namesOfMask(extra, lastCap).join(', ')})`];
}

/** Every way the child is less confined than the plan; empty when it is confined as planned. */
export function verifyStatus(status: ConfinementStatus, want: ExpectedStatus, lastCap: number): string[] {
  const problems: string[] = [
    ...beyond('CapBnd', status.capBnd, want.capBnd, lastCap),
    ...beyond('CapEff', status.capEff, want.capEff, lastCap),
    ...beyond('CapAmb', status.capAmb, want.capAmb, lastCap),
  ];
  if (want.noNewPrivs && !status.noNewPrivs) problems.push('NoNewPrivs is 0, planned 1');
  // 3 is SECCOMP_MODE_DEAD (Linux 5.17+): the filter itself killed the process, which is confinement working.
  if (want.seccomp === 2 && status.seccomp !== 2 && status.seccomp !== 3) problems.push(`Seccomp is ${status.seccomp}, planned 2 (filter)`);
  if (status.seccompFilters !== null && status.seccompFilters < want.minFilters)
    problems.push(`Seccomp_filters is ${status.seccompFilters}, planned at least ${want.minFilters}`);
  return problems;
}
