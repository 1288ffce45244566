/** Live rule-host processes started by a given parent, read from /proc. */
import { readdirSync, readFileSync } from 'node:fs';

function parentOf(pid: string): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function commandOf(pid: string): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

export function ruleHostsOf(parent: number): number[] {
  return readdirSync('/proc').filter((p) => /^\d+$/.test(p) && parentOf(p) === parent && commandOf(p).includes('rule-host')).map(Number);
}

export async function waitUntil(done: () => boolean, ms = 5000): Promise<void> {
  for (const end = Date.now() + ms; !done() && Date.now() < end;) await new Promise((r) => setTimeout(r, 50));
}
