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
  // Fields after the command, by index (0 = state): only four are needed, so the line is not split.
  const wanted = [0, 1, 6, 19];
  const found: string[] = [];
  let field = 0;
  for (let at = close + 1; at < text.length && found.length < wanted.length;) {
    while (at < text.length && text.charCodeAt(at) <= 32) at++;
    let end = at;
    while (end < text.length && text.charCodeAt(end) > 32) end++;
    if (end === at) break;
    if (field === wanted[found.length]) found.push(text.slice(at, end));
    field++;
    at = end;
  }
  const [state, ppidText, flagsText, startTime] = found;
  const pid = Number(text.slice(0, open).trim());
  const ppid = Number(ppidText);
  const flags = Number(flagsText);
  if (!Number.isInteger(pid) || !Number.isInteger(ppid) || state === undefined || startTime === undefined) return undefined;
  return { pid, comm: text.slice(open + 1, close), state, ppid, flags: Number.isFinite(flags) ? flags : 0, startTime };
}

export function isKernelThread(stat: ProcStat): boolean {
  // PF_KTHREAD is authoritative; kthreadd (pid 2) and its children are the fallback.
  return (stat.flags & PF_KTHREAD) !== 0 || stat.pid === 2 || stat.ppid === 2;
}

export function isZombie(stat: ProcStat): boolean {
  return stat.state === 'Z' || stat.state === 'X';
}
