/**
 * From what the user asked (profile, config, flags) and what caplint itself
 * holds (/proc/self/status) to a launch plan. Everything that cannot be
 * applied is refused here, before anything runs; a non-root caller that
 * cannot drop the bounding set gets a partial plan only with --allow-partial.
 */
import { CaplintError } from '../errors.js';
import { capabilityBit, fullMask, maskOf, namesOfMask } from '../linux/capabilities.js';
import type { CapSetName } from '../model/subject.js';
import type { LaunchPlan } from '../../enforcer/launch-plan.js';
import type { IsolationPlan } from '../../enforcer/isolation-plan.js';
import type { ConfinementStatus } from '../../enforcer/proc-status.js';
import type { SeccompChoice } from './seccomp-source.js';

export type CapabilityIntent = Readonly<Record<CapSetName, readonly string[]>>;

export interface RunIntent {
  readonly file: string;
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly capabilities: CapabilityIntent;
  readonly noNewPrivs: boolean;
  readonly user: { readonly uid: number; readonly gid: number } | null;
  readonly seccomp: SeccompChoice | null;
  readonly allowPartial: boolean;
  /** Namespaces and cgroups (decide-isolation.ts); `own` is then what the child holds inside them. */
  readonly isolation?: IsolationPlan | null;
}

export interface PlanDecision {
  readonly plan: LaunchPlan;
  /** Why the plan is partial, or null when everything asked for is enforced. */
  readonly partial: string | null;
  /** Capabilities asked for that caplint itself does not hold (the child cannot get them either). */
  readonly notes: readonly string[];
}

/** Confinement that cannot be applied: `caplint run` prints it and exits 125. */
export class ConfinementRefused extends CaplintError {
  constructor(message: string) {
    super(`${message}; nothing was run`);
    this.name = 'ConfinementRefused';
  }
}

const bit = (name: string): bigint => 1n << BigInt(capabilityBit(name)!);
const names = (mask: bigint, lastCap: number): string => namesOfMask(mask, lastCap).join(', ');

export function decidePlan(intent: RunIntent, own: ConfinementStatus, lastCap: number): PlanDecision {
  const all = fullMask(lastCap);
  const asked = (set: CapSetName): bigint => maskOf(intent.capabilities[set]) & all;
  const notes: string[] = [];
  const absent = asked('bounding') & ~own.capBnd;
  if (absent) notes.push(`caplint's own bounding set lacks ${names(absent, lastCap)}, so the child cannot hold it either`);
  const bounding = asked('bounding') & own.capBnd;
  const permitted = asked('permitted') & bounding & own.capPrm;
  const effective = asked('effective') & permitted;
  const inheritable = asked('inheritable') & bounding & (own.capInh | own.capPrm);
  const ambient = asked('ambient') & permitted & inheritable;
  const uid = own.uids[1] ?? 0;

  const toDrop = own.capBnd & ~bounding;
  let partial: string | null = null;
  if (toDrop !== 0n && (own.capEff & bit('CAP_SETPCAP')) === 0n) {
    const who = uid === 0 ? 'uid 0 without CAP_SETPCAP' : `uid ${uid}, without CAP_SETPCAP`;
    const sentence =
      `as ${who}, caplint cannot drop the capability bounding set (${namesOfMask(toDrop, lastCap).length} capabilities would stay in it); ` +
      `it can set no_new_privs and the seccomp filter`;
    if (!intent.allowPartial) throw new ConfinementRefused(`${sentence}. Run as root, or pass --allow-partial to enforce only those`);
    partial = sentence;
  }
  if (intent.user && (own.capEff & bit('CAP_SETUID')) === 0n)
    throw new ConfinementRefused(`switching to uid ${intent.user.uid} needs CAP_SETUID and CAP_SETGID, which caplint does not hold`);
  if (intent.user && (own.capEff & bit('CAP_SETGID')) === 0n)
    throw new ConfinementRefused(`switching to gid ${intent.user.gid} needs CAP_SETGID, which caplint does not hold`);
  const noNewPrivs = intent.noNewPrivs || own.noNewPrivs;
  if (intent.seccomp && !noNewPrivs && (effective & bit('CAP_SYS_ADMIN')) === 0n)
    throw new ConfinementRefused('a seccomp filter without no_new_privs needs CAP_SYS_ADMIN in the effective set, which this plan does not keep; set noNewPrivileges');

  return {
    plan: {
      file: intent.file,
      argv: intent.argv,
      env: intent.env,
      cwd: null,
      lastCap,
      capabilities: { bounding, permitted, effective, inheritable, ambient },
      dropBounding: partial === null,
      setCapabilities: true,
      user: intent.user,
      noNewPrivs: intent.noNewPrivs,
      seccomp: intent.seccomp ? { program: intent.seccomp.program, flags: intent.seccomp.flags } : null,
      isolation: intent.isolation ?? null,
    },
    partial,
    notes,
  };
}
