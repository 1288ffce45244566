/** Launch cgroups (caplint-run-PID-N) that caplint processes started by `owner`'s test left behind. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

function dirs(root: string, depth: number): string[] {
  let entries: string[];
  try {
    entries = readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(root, e.name));
  } catch {
    return [];
  }
  return depth === 0 ? entries : [...entries, ...entries.flatMap((d) => dirs(d, depth - 1))];
}

function parentOf(pid: number): number | null {
  try {
    return Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
  } catch {
    return null;
  }
}

/**
 * Every caplint-run-* cgroup (three levels deep under /sys/fs/cgroup) whose
 * creator is `owner` or was a child of it, or whose creator is gone (a
 * leak). Others' live launches are left out: tests share the machine.
 */
export function leftCgroups(owner: number, top = '/sys/fs/cgroup'): string[] {
  return dirs(top, 3).filter((dir) => {
    const m = /\/caplint-run-(\d+)-\d+$/.exec(dir);
    if (!m) return false;
    const creator = Number(m[1]);
    const parent = parentOf(creator);
    return creator === owner || parent === owner || parent === null;
  });
}
