/** The uid/gid switch an OCI config's process.user asks for, as the child can make it. */
import type { IsolationPlan } from '../../enforcer/isolation-plan.js';
import type { ConfinementStatus } from '../../enforcer/proc-status.js';
import { ConfinementRefused } from './decide-plan.js';

type Ids = { readonly uid: number; readonly gid: number };

/**
 * Null when no switch is needed. In a new user namespace with the caller
 * mapped alone, only that one id exists, so process.user must be it (the
 * map makes the switch); with a range, the command switches inside it.
 */
export function childUser(user: Ids | null, childOwn: ConfinementStatus, mapTo: Ids | null, plan: IsolationPlan | null): Ids | null {
  const ranged = (plan?.idMap?.uidCount ?? 1) > 1 || (plan?.idMap?.gidCount ?? 1) > 1;
  // A range map leaves caplint's own ids unmapped inside: the command switches to the ids asked for.
  if (ranged && plan?.idMap) {
    const want = user ?? mapTo ?? { uid: 0, gid: 0 };
    const m = plan.idMap;
    const within = (id: number, start: number, count = 1): boolean => id >= start && id < start + count;
    if (!within(want.uid, m.insideUid, m.uidCount) || !within(want.gid, m.insideGid, m.gidCount))
      throw new ConfinementRefused(`process.user ${want.uid}:${want.gid} is outside the ranges --map-users maps`);
    return want;
  }
  if (!user) return null;
  if (plan?.namespaces.includes('user')) {
    if (mapTo && user.uid === mapTo.uid && user.gid === mapTo.gid) return null;
    throw new ConfinementRefused(
      `process.user ${user.uid}:${user.gid} does not exist in the user namespace, where caplint is mapped to ${mapTo?.uid ?? 0}:${mapTo?.gid ?? 0}; pass --map-user ${user.uid}:${user.gid}`,
    );
  }
  return childOwn.uids[1] === 0 && user.uid === 0 && user.gid === 0 ? null : user;
}
