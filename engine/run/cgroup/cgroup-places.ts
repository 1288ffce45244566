/**
 * Where a launch's cgroup goes on this host: for each controller it needs,
 * the hierarchy that carries it (v1 on a v1 or hybrid host, else the v2
 * unified one when its cgroup.controllers lists it), under caplint's own
 * cgroup there, so the limits caplint itself runs under still apply.
 */
import { accessSync, constants, readFileSync } from 'node:fs';
import { cgroupHierarchies, directoryOf, parseCgroupFile } from '../../inputs/proc/cgroup-hierarchies.js';
import type { Hierarchy } from '../../inputs/proc/cgroup-hierarchies.js';
import { parseMountInfo } from '../../inputs/proc/parse-mountinfo.js';
import type { CgroupLimits } from '../isolation-intent.js';

export type Controller = 'cpu' | 'cpuacct' | 'memory' | 'pids';

export interface CgroupPlace {
  readonly version: 1 | 2;
  /** Controllers of the limits this place carries (v1: of its mount; v2: those enabled for the launch). */
  readonly controllers: readonly Controller[];
  /** caplint's own cgroup directory in this hierarchy: the launch's goes inside. */
  readonly parentDir: string;
  /** The same, as /proc/PID/cgroup prints it. */
  readonly parentPath: string;
}

/** The controllers a set of limits needs; cpuacct rides along with cpu for the accounting (v1). */
export function neededControllers(limits: CgroupLimits): Controller[] {
  const out: Controller[] = [];
  if (limits.cpu !== undefined) out.push('cpu', 'cpuacct');
  if (limits.memory !== undefined) out.push('memory');
  if (limits.pids !== undefined) out.push('pids');
  return out;
}

function v2Controllers(h: Hierarchy): string[] {
  try {
    return readFileSync(`${h.dir}/cgroup.controllers`, 'utf8').trim().split(/\s+/);
  } catch {
    return [];
  }
}

/** The places, or one sentence saying why limits cannot be set here. */
export function cgroupPlaces(limits: CgroupLimits, sysRoot = '/sys'): CgroupPlace[] | string {
  const needed = neededControllers(limits);
  if (needed.length === 0) return [];
  const hierarchies = cgroupHierarchies(parseMountInfo(readFileSync('/proc/self/mountinfo', 'utf8')), sysRoot);
  const own = parseCgroupFile(readFileSync('/proc/self/cgroup', 'utf8'));
  const places = new Map<string, { place: CgroupPlace; controllers: Controller[] }>();
  const unified = hierarchies.find((h) => h.version === 2);
  const inUnified = unified ? v2Controllers(unified) : [];
  for (const controller of needed) {
    const v1 = hierarchies.find((h) => h.version === 1 && h.controllers.includes(controller));
    const h = v1 ?? (unified && (inUnified.includes(controller) || (controller === 'cpuacct' && inUnified.includes('cpu'))) ? unified : undefined);
    if (!h) {
      if (controller === 'cpuacct') continue;
      return `no cgroup hierarchy on this host has the ${controller} controller`;
    }
    if (h.version === 2 && controller === 'cpuacct') continue; // v2 accounts in cpu.stat
    const membership = own.find((m) => m.version === h.version && (h.version === 2 || m.controllers.every((c) => h.controllers.includes(c))));
    const where = membership && directoryOf(membership, [h]);
    if (!membership || !where) return `caplint's own cgroup in the ${controller} hierarchy (${h.dir}) is not visible to it`;
    const entry = places.get(where.dir) ?? { place: { version: h.version, controllers: [], parentDir: where.dir, parentPath: membership.path }, controllers: [] };
    entry.controllers.push(controller);
    places.set(where.dir, entry);
  }
  const out: CgroupPlace[] = [];
  for (const { place, controllers } of places.values()) {
    try {
      accessSync(place.parentDir, constants.W_OK);
    } catch {
      return `creating a cgroup under ${place.parentDir} needs write access to it (root, or a delegated cgroup), which caplint does not have`;
    }
    out.push({ ...place, controllers });
  }
  return out;
}
