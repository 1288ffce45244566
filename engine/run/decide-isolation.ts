/**
 * From the namespaces and limits asked for to what the launch will do, given
 * what caplint holds. A user namespace needs nothing but the kernel's leave
 * (unprivileged user namespaces); every other namespace needs CAP_SYS_ADMIN,
 * which a user namespace created in the same clone provides; limits need a
 * writable cgroup. What cannot be done is refused before anything runs, or
 * left out under --allow-partial with the gap stated.
 */
import { capabilityBit, fullMask } from '../linux/capabilities.js';
import type { IsolationPlan } from '../../enforcer/isolation-plan.js';
import type { ConfinementStatus } from '../../enforcer/proc-status.js';
import { cgroupPlaces } from './cgroup/cgroup-places.js';
import type { CgroupPlace } from './cgroup/cgroup-places.js';
import { ConfinementRefused } from './decide-plan.js';
import type { CgroupLimits, IsolationRequest } from './isolation-intent.js';
import { filesystemMounts, pathKind, wantsMounts } from './filesystem-view.js';
import type { PathKind } from './filesystem-view.js';

export interface IsolationDecision {
  /** Null when the launch creates no namespace and sets no limit. cgroupProcs is filled at launch. */
  readonly plan: IsolationPlan | null;
  readonly limits: CgroupLimits;
  readonly places: readonly CgroupPlace[];
  /** What is left out (--allow-partial), one sentence each. */
  readonly gaps: readonly string[];
  /** What the child holds before its capability steps: in a new user namespace, every capability, as the mapped uid. */
  readonly childOwn: ConfinementStatus;
}

const held = (own: ConfinementStatus, cap: string): boolean => (own.capEff & (1n << BigInt(capabilityBit(cap)!))) !== 0n;
const list = (names: readonly string[]): string => `${names.join(', ')} namespace${names.length > 1 ? 's' : ''}`;

export function decideIsolation(
  request: IsolationRequest,
  own: ConfinementStatus,
  lastCap: number,
  allowPartial: boolean,
  places: (limits: CgroupLimits) => CgroupPlace[] | string = cgroupPlaces,
  kindOf: (path: string) => PathKind = pathKind,
): IsolationDecision {
  const gaps: string[] = [];
  if (request.unsupported.length) gaps.push(`the profile requires the ${list(request.unsupported)} isolated, which caplint run does not create`);
  let namespaces = [...request.namespaces];
  if (request.ranges && !(held(own, 'CAP_SETUID') && held(own, 'CAP_SETGID'))) {
    // Fail closed whatever --allow-partial says: without the range, the command would run under other ids than asked.
    throw new ConfinementRefused('mapping a range of ids (--map-users) needs CAP_SETUID and CAP_SETGID (root); caplint does not use newuidmap. Use --map-root-user to map the caller alone');
  }
  const userNs = namespaces.includes('user');
  const privileged = namespaces.filter((k) => k !== 'user');
  if (!userNs && privileged.length && !held(own, 'CAP_SYS_ADMIN')) {
    gaps.push(`creating the ${list(privileged)} needs CAP_SYS_ADMIN, which caplint does not hold (add user to --unshare to create them inside a user namespace)`);
    namespaces = [];
  }
  const fsWanted = wantsMounts(request.filesystem);
  if (fsWanted && !namespaces.includes('mount'))
    gaps.push('the profile\'s filesystem settings (read-only /, masked and read-only paths) need a mount namespace, which this launch does not create');
  const fs = fsWanted && namespaces.includes('mount') ? filesystemMounts(request.filesystem, kindOf) : { readOnlyRoot: false, maskedPaths: [], readonlyPaths: [] };
  let limits = request.limits;
  let found: CgroupPlace[] = [];
  if (Object.keys(limits).length) {
    const where = places(limits);
    if (typeof where === 'string') {
      gaps.push(`the cgroup limits cannot be set: ${where}`);
      limits = {};
    } else found = where;
  }
  if (gaps.length && !allowPartial) throw new ConfinementRefused(`${gaps.join('; ')}. Pass --allow-partial to run without ${gaps.length > 1 ? 'them' : 'it'}`);
  const has = (k: string): boolean => namespaces.includes(k as never);
  const plan: IsolationPlan | null =
    namespaces.length || found.length
      ? {
          namespaces,
          idMap: !has('user') || !request.mapTo
            ? null
            : request.ranges
              ? {
                  insideUid: request.ranges.uid.inside, outsideUid: request.ranges.uid.outside, uidCount: request.ranges.uid.count,
                  insideGid: request.ranges.gid.inside, outsideGid: request.ranges.gid.outside, gidCount: request.ranges.gid.count, denySetgroups: false,
                }
              : { insideUid: request.mapTo.uid, insideGid: request.mapTo.gid, outsideUid: own.uids[1] ?? 0, outsideGid: process.getegid?.() ?? 0, denySetgroups: !held(own, 'CAP_SETGID') },
          // A new pid namespace in a new mount namespace gets its own /proc, as with unshare --fork --pid --mount-proc.
          mountProc: has('mount') && (request.mountProc || has('pid')),
          ...fs,
          init: request.init,
          hostname: has('uts') ? request.hostname : null,
          cgroupProcs: [],
        }
      : null;
  const all = fullMask(lastCap);
  const inside = request.mapTo?.uid ?? 0;
  const childOwn: ConfinementStatus = has('user')
    ? { ...own, capInh: 0n, capPrm: all, capEff: all, capBnd: all, capAmb: 0n, uids: [inside, inside, inside, inside] }
    : own;
  return { plan, limits, places: found, gaps, childOwn };
}
