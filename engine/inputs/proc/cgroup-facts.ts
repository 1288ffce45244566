/**
 * What a process's /proc/PID/cgroup text decides: its memberships, the
 * limits that apply, its container and its device rules. Processes with the
 * same text share one answer, worked out once per scan; the fields that
 * could not be read are still counted once per process.
 */
import type { ContainerRef } from '../../model/container.js';
import type { DeviceRule, Limits, Maybe } from '../../model/subject.js';
import { isUnknown, unknown } from '../../model/subject.js';
import type { Membership } from './cgroup-hierarchies.js';
import { parseCgroupFile } from './cgroup-hierarchies.js';
import type { AppliedLimits } from './read-limits.js';
import { readDeviceRules } from './read-device-rules.js';
import type { ScanContext } from './scan-context.js';
import { countUnreadable } from './scan-context.js';

export interface CgroupFacts {
  readonly memberships: Maybe<Membership[]>;
  readonly applied: AppliedLimits;
  readonly container: ContainerRef | undefined;
  readonly deviceRules: Maybe<readonly DeviceRule[]>;
  /** Reasons counted for every process that has this text. */
  readonly unreadable: readonly string[];
}

export function cgroupFacts(context: ScanContext, text: string | { failure: string }): CgroupFacts {
  const key = typeof text === 'string' ? text : `\0${text.failure}`;
  let facts = context.cgroupFacts.get(key);
  if (!facts) context.cgroupFacts.set(key, (facts = workOut(context, text)));
  for (const reason of facts.unreadable) countUnreadable(context, reason);
  return facts;
}

function workOut(context: ScanContext, text: string | { failure: string }): CgroupFacts {
  const unreadable: string[] = [];
  if (typeof text !== 'string') {
    const missing = unknown(`cgroup: ${text.failure}`);
    unreadable.push(`cgroup: ${text.failure}`);
    const limits: Limits = { memory: missing, pids: missing, cpu: missing };
    for (const _ of Object.values(limits)) unreadable.push(`limits: ${missing.reason.replace(/^\S+: /, '')}`);
    return { memberships: missing, applied: { limits, sources: {} }, container: undefined, deviceRules: missing, unreadable };
  }
  const memberships = parseCgroupFile(text);
  const applied = context.limits.applied(memberships);
  for (const value of Object.values(applied.limits)) if (isUnknown(value)) unreadable.push(`limits: ${value.reason.replace(/^\S+: /, '')}`);
  const deviceRules = readDeviceRules(context, memberships, (reason) => unreadable.push(reason));
  return { memberships, applied, container: context.containers.identify(memberships), deviceRules, unreadable };
}
