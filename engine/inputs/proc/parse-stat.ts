/** /proc/PID/stat: the fields the scan needs (man 5 proc). */

export interface ProcStat {
  readonly pid: number;
  /** The command name (at most 15 bytes; may contain spaces and parentheses). */
  readonly comm: string;
  /** R, S, D, Z, T, t, X, I, ... */
  readonly state: string;
  readonly ppid: number;
  /** The task's flags word (field 9). */
  readonly flags: number;
  /** Start time in clock ticks after boot (field 22): with the pid, identifies one process. */
  readonly startTime: string;
}

/** PF_KTHREAD (include/linux/sched.h): the task is a kernel thread. */
const PF_KTHREAD = 0x00200000;

export function parseStat(text: string): ProcStat | undefined {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const rest = text.slice(close + 2).trim().split(/\s+/);
  const pid = Number(text.slice(0, open).trim());
  const ppid = Number(rest[1]);
  const flags = Number(rest[6]);
  const startTime = rest[19];
  if (!Number.isInteger(pid) || !Number.isInteger(ppid) || rest[0] === undefined || startTime === undefined) return undefined;
  return { pid, comm: text.slice(open + 1, close), state: rest[0], ppid, flags: Number.isFinite(flags) ? flags : 0, startTime };
}

export function isKernelThread(stat: ProcStat): boolean {
  // PF_KTHREAD is authoritative; kthreadd (pid 2) and its children are the fallback.
  return (stat.flags & PF_KTHREAD) !== 0 || stat.pid === 2 || stat.ppid === 2;
}

export function isZombie(stat: ProcStat): boolean {
  return stat.state === 'Z' || stat.state === 'X';
}
