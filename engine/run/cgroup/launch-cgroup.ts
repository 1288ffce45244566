/**
 * The cgroup of one launch: created under caplint's own cgroup in each
 * hierarchy before the clone, limits written, joined by the child before
 * anything else it does, and removed once the command has ended.
 *
 * No leak: a cgroup directory outlives its processes only if nobody removes
 * it. caplint removes it when the command ends (also after SIGINT/SIGTERM,
 * which it forwards and then waits out). If caplint itself is killed
 * (SIGKILL), its child dies with it (PR_SET_PDEATHSIG; with a pid namespace
 * the kernel then kills everything in it), and the next `caplint run`
 * removes every empty `caplint-run-PID-N` whose PID is no longer running
 * before it creates its own (sweepStale). The kernel refuses to remove a
 * cgroup that still has processes, so the sweep can never pull one from
 * under a live launch.
 */
import { mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaplintError, describeFsError } from '../../errors.js';
import type { CgroupLimits } from '../isolation-intent.js';
import { eventFiles, limitFiles } from './cgroup-files.js';
import type { LimitFile } from './cgroup-files.js';
import type { CgroupPlace } from './cgroup-places.js';

export const CGROUP_PREFIX = 'caplint-run-';

export interface CreatedCgroup {
  readonly place: CgroupPlace;
  readonly dir: string;
  /** As /proc/PID/cgroup prints it. */
  readonly path: string;
  readonly written: readonly LimitFile[];
}

export interface CgroupEvents {
  /** Processes the OOM killer killed in the cgroup. */
  readonly oomKills: number;
  /** Forks refused at pids.max. */
  readonly pidsMax: number;
}

export interface LaunchCgroup {
  readonly cgroups: readonly CreatedCgroup[];
  /** cgroup.procs of each v1 cgroup: the child writes itself into them. */
  readonly procsFiles: readonly string[];
  /** The v2 cgroup, if any: the child is created in it (clone3 CLONE_INTO_CGROUP) or, without clone3, joins it with a write. */
  readonly v2Dir: string | null;
  events(): CgroupEvents;
  /** Removes every directory; waits out a kernel still emptying one. Returns what could not be removed. */
  remove(): Promise<string[]>;
}

let serial = 0;

/** Running: a zombie (a killed caplint that nobody reaped yet) is not. */
export function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) [ZX]/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Removes empty launch cgroups left by a caplint that is no longer running. */
export function sweepStale(parentDir: string): void {
  let names: string[];
  try {
    names = readdirSync(parentDir);
  } catch {
    return;
  }
  for (const name of names) {
    const owner = new RegExp(`^${CGROUP_PREFIX}(\\d+)-\\d+$`).exec(name);
    if (!owner || Number(owner[1]) === process.pid || alive(Number(owner[1]))) continue;
    try {
      rmdirSync(join(parentDir, name));
    } catch {
      // still populated, or removed meanwhile by another caplint
    }
  }
}

function counter(text: string, key: string): number {
  const m = new RegExp(`^${key} (\\d+)$`, 'm').exec(text);
  return m ? Number(m[1]) : 0;
}

function readOr(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Removes cgroup directories, deepest (last) first; what could not be removed,
 * each as "dir: reason". A killed process leaves its cgroup only once the
 * kernel has finished its exit, so EBUSY is retried, backing off from 1 ms to
 * 50 ms (about 2.5 s in all); a directory already gone is fine.
 */
export async function removeCgroupDirs(dirs: readonly string[]): Promise<string[]> {
  const left: string[] = [];
  for (const dir of [...dirs].reverse()) {
    for (let attempt = 0; ; attempt++) {
      try {
        rmdirSync(dir);
        break;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') break;
        if (code !== 'EBUSY' || attempt >= 60) {
          left.push(`${dir}: ${describeFsError(error)}`);
          break;
        }
        await new Promise((r) => setTimeout(r, Math.min(50, 2 ** attempt)));
      }
    }
  }
  return left;
}

export function createLaunchCgroup(places: readonly CgroupPlace[], limits: CgroupLimits): LaunchCgroup {
  const name = `${CGROUP_PREFIX}${process.pid}-${++serial}`;
  const cgroups: CreatedCgroup[] = [];
  const removeAll = () => removeCgroupDirs(cgroups.map((c) => c.dir));
  let at = '';
  try {
    for (const place of places) {
      sweepStale(place.parentDir);
      const dir = join(place.parentDir, name);
      if (place.version === 2) {
        const wanted = place.controllers.filter((c) => c !== 'cpuacct').map((c) => `+${c}`).join(' ');
        at = join(place.parentDir, 'cgroup.subtree_control');
        if (wanted) writeFileSync(at, wanted);
      }
      at = dir;
      mkdirSync(dir);
      const written = limitFiles(place.version, place.controllers, limits, dir);
      cgroups.push({ place, dir, path: `${place.parentPath === '/' ? '' : place.parentPath}/${name}`, written });
      for (const { file, value } of written) writeFileSync((at = join(dir, file)), value);
    }
  } catch (error) {
    void removeAll();
    throw new CaplintError(`could not set up the launch's cgroup (${at}): ${describeFsError(error)}`);
  }
  return {
    cgroups,
    procsFiles: cgroups.filter((c) => c.place.version === 1).map((c) => join(c.dir, 'cgroup.procs')),
    v2Dir: cgroups.find((c) => c.place.version === 2)?.dir ?? null,
    events() {
      let oomKills = 0;
      let pidsMax = 0;
      for (const c of cgroups) {
        const files = eventFiles(c.place.version);
        if (c.place.controllers.includes('memory')) oomKills += counter(readOr(join(c.dir, files.oom)), 'oom_kill');
        if (c.place.controllers.includes('pids')) pidsMax += counter(readOr(join(c.dir, files.pids)), 'max');
      }
      return { oomKills, pidsMax };
    },
    remove: removeAll,
  };
}
