/**
 * A throwaway cgroup with a parent and a child, limits set on both, on
 * whatever this machine mounts: cgroup v1 controllers (v1-only or hybrid) or
 * the v2 unified hierarchy. Needs root; `setup` returns a reason when it
 * cannot run here.
 */
import { mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { removeCgroupDirs } from '../../engine/run/cgroup/launch-cgroup.js';

export interface Sandbox {
  /** The cgroup path of the child, as /proc/PID/cgroup prints it. */
  readonly path: string;
  readonly version: 1 | 2;
  add(pid: number): void;
  remove(): Promise<void>;
}

interface CgroupMount { dir: string; version: 1 | 2; controllers: string[] }

function mounts(): CgroupMount[] {
  return readFileSync('/proc/self/mountinfo', 'utf8').split('\n').flatMap((line) => {
    const f = line.split(' ');
    const dash = f.indexOf('-');
    if (dash < 0 || (f[dash + 1] !== 'cgroup' && f[dash + 1] !== 'cgroup2') || f[3] !== '/') return [];
    return [{ dir: f[4]!, version: f[dash + 1] === 'cgroup2' ? 2 as const : 1 as const, controllers: (f[dash + 3] ?? '').split(',') }];
  });
}

/** Limits: parent memory 256 MiB, child 512 MiB (the parent's is tighter); pids 50 on the child; cpu 0.5 on the parent. */
export function setup(name: string): Sandbox | string {
  if (process.getuid?.() !== 0) return 'needs root to create cgroups';
  const all = mounts();
  const v1 = (c: string) => all.find((m) => m.version === 1 && m.controllers.includes(c));
  const dirs: string[] = [];
  const mk = (dir: string) => { mkdirSync(dir); dirs.push(dir); };
  try {
    if (v1('memory') && v1('pids') && v1('cpu')) {
      const procsFiles: string[] = [];
      for (const [controller, parentFiles, childFiles] of [
        ['memory', { 'memory.limit_in_bytes': String(256 * 2 ** 20) }, { 'memory.limit_in_bytes': String(512 * 2 ** 20) }],
        ['pids', {}, { 'pids.max': '50' }],
        ['cpu', { 'cpu.cfs_period_us': '100000', 'cpu.cfs_quota_us': '50000' }, {}],
      ] as const) {
        const base = `${v1(controller)!.dir}/${name}`;
        mk(base);
        for (const [file, value] of Object.entries(parentFiles)) writeFileSync(`${base}/${file}`, value);
        mk(`${base}/child`);
        for (const [file, value] of Object.entries(childFiles)) writeFileSync(`${base}/child/${file}`, value);
        procsFiles.push(`${base}/child/cgroup.procs`);
      }
      return sandbox(`/${name}/child`, 1, procsFiles, dirs);
    }
    const v2 = all.find((m) => m.version === 2);
    if (!v2) return 'no cgroup hierarchy with memory, pids and cpu is mounted';
    const available = readFileSync(`${v2.dir}/cgroup.controllers`, 'utf8').split(/\s+/);
    if (!['memory', 'pids', 'cpu'].every((c) => available.includes(c))) return `the cgroup v2 hierarchy at ${v2.dir} lacks memory, pids or cpu`;
    writeFileSync(`${v2.dir}/cgroup.subtree_control`, '+memory +pids +cpu');
    const base = `${v2.dir}/${name}`;
    mk(base);
    writeFileSync(`${base}/cgroup.subtree_control`, '+memory +pids +cpu');
    writeFileSync(`${base}/memory.max`, String(256 * 2 ** 20));
    writeFileSync(`${base}/cpu.max`, '50000 100000');
    mk(`${base}/child`);
    writeFileSync(`${base}/child/memory.max`, String(512 * 2 ** 20));
    writeFileSync(`${base}/child/pids.max`, '50');
    return sandbox(`/${name}/child`, 2, [`${base}/child/cgroup.procs`], dirs);
  } catch (error) {
    for (const dir of dirs.reverse()) try { rmdirSync(dir); } catch { /* busy or gone */ }
    return `cannot create cgroups here: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function sandbox(path: string, version: 1 | 2, procsFiles: string[], dirs: string[]): Sandbox {
  return {
    path,
    version,
    add: (pid) => procsFiles.forEach((f) => writeFileSync(f, String(pid))),
    // The same removal as caplint's launch cgroups: EBUSY (a killed process not yet out) is retried, which is
    // how a caplint-test-* cgroup was once left under /sys/fs/cgroup/cpu.
    remove: async () => {
      const left = await removeCgroupDirs(dirs);
      if (left.length) throw new Error(`cgroup sandbox: cannot remove ${left.join('; ')}`);
    },
  };
}
