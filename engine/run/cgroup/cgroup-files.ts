/** The limit files of one cgroup, as cgroup v1 and v2 name them. */
import { existsSync } from 'node:fs';
import type { CgroupLimits } from '../isolation-intent.js';
import type { Controller } from './cgroup-places.js';

export const CPU_PERIOD_US = 100_000;

export interface LimitFile {
  /** Path relative to the cgroup directory. */
  readonly file: string;
  readonly value: string;
  /** Which limit it sets, for messages. */
  readonly limit: 'cpu' | 'memory' | 'pids';
}

/** In write order (v1 needs memory.limit_in_bytes before memory.memsw.limit_in_bytes). */
export function limitFiles(version: 1 | 2, controllers: readonly Controller[], limits: CgroupLimits, dir: string): LimitFile[] {
  const out: LimitFile[] = [];
  const quota = limits.cpu === undefined ? 0 : Math.max(1000, Math.round(limits.cpu * CPU_PERIOD_US));
  if (limits.cpu !== undefined && controllers.includes('cpu')) {
    if (version === 1) out.push({ file: 'cpu.cfs_period_us', value: String(CPU_PERIOD_US), limit: 'cpu' }, { file: 'cpu.cfs_quota_us', value: String(quota), limit: 'cpu' });
    else out.push({ file: 'cpu.max', value: `${quota} ${CPU_PERIOD_US}`, limit: 'cpu' });
  }
  if (limits.memory !== undefined && controllers.includes('memory')) {
    const bytes = String(Math.floor(limits.memory));
    if (version === 1) {
      out.push({ file: 'memory.limit_in_bytes', value: bytes, limit: 'memory' });
      // With swap accounting, memory+swap gets the same bound: swap is no way around the limit.
      if (existsSync(`${dir}/memory.memsw.limit_in_bytes`)) out.push({ file: 'memory.memsw.limit_in_bytes', value: bytes, limit: 'memory' });
    } else {
      out.push({ file: 'memory.max', value: bytes, limit: 'memory' });
      if (existsSync(`${dir}/memory.swap.max`)) out.push({ file: 'memory.swap.max', value: '0', limit: 'memory' });
    }
  }
  if (limits.pids !== undefined && controllers.includes('pids')) out.push({ file: 'pids.max', value: String(limits.pids), limit: 'pids' });
  return out;
}

/** The file whose counter says the OOM killer acted, and the one that counts refused forks. */
export function eventFiles(version: 1 | 2): { oom: string; pids: string } {
  return version === 1 ? { oom: 'memory.oom_control', pids: 'pids.events' } : { oom: 'memory.events', pids: 'pids.events' };
}
