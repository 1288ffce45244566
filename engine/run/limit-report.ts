/** The closing lines about limits the command ran into (read from the cgroup's event counters). */
import type { CgroupLimits } from './isolation-intent.js';
import type { CgroupEvents, CreatedCgroup } from './cgroup/launch-cgroup.js';

export function formatBytes(bytes: number): string {
  for (const [unit, size] of [['GiB', 2 ** 30], ['MiB', 2 ** 20], ['KiB', 2 ** 10]] as const)
    if (bytes >= size) return `${Number((bytes / size).toFixed(2))} ${unit}`;
  return `${bytes} bytes`;
}

function fileOf(cgroups: readonly CreatedCgroup[], limit: 'memory' | 'pids'): string {
  return cgroups.flatMap((c) => c.written).find((w) => w.limit === limit)?.file ?? limit;
}

export function limitReport(events: CgroupEvents, limits: CgroupLimits, cgroups: readonly CreatedCgroup[]): string[] {
  const lines: string[] = [];
  if (events.oomKills > 0 && limits.memory !== undefined)
    lines.push(`the OOM killer killed ${events.oomKills === 1 ? 'a process' : `${events.oomKills} processes`} of the command: it reached its memory limit of ${formatBytes(limits.memory)} (${fileOf(cgroups, 'memory')})`);
  if (events.pidsMax > 0 && limits.pids !== undefined)
    lines.push(`the command reached its limit of ${limits.pids} processes (${fileOf(cgroups, 'pids')}): ${events.pidsMax} fork${events.pidsMax === 1 ? '' : 's'} failed`);
  return lines;
}
