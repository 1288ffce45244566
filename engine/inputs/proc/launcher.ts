/**
 * Whether a process was launched by `caplint run`, and with which profile.
 * What is trusted: the kernel's parent links (a process cannot choose its
 * parent) and the command line of the `caplint run` process above it, which
 * the confined child cannot write (it is another process, made non-dumpable).
 * An environment variable would be the child's to forge, so none is read.
 * A child that double-forks away from its launcher loses the mark: it then
 * gets the general advice, never advice it should not.
 */
import type { ProcFs } from './proc-fs.js';
import { parseStat } from './parse-stat.js';

export interface Launcher {
  readonly tool: 'caplint run';
  readonly pid: number;
  readonly profile: string;
  /** The seccomp profile `--seccomp` gave in place of the profile's own, when it did. */
  readonly seccomp?: string;
}

const MAX_DEPTH = 8;

export function findLauncher(fs: ProcFs, procRoot: string, ppid: number, cache: Map<number, Launcher | null>): Launcher | undefined {
  const seen: number[] = [];
  let found: Launcher | null = null;
  for (let pid = ppid, depth = 0; pid > 1 && depth < MAX_DEPTH; depth++) {
    const known = cache.get(pid);
    if (known !== undefined) {
      found = known;
      break;
    }
    seen.push(pid);
    let argv: string[];
    let parent: number | undefined;
    try {
      argv = fs.read(`${procRoot}/${pid}/cmdline`).split('\0');
      parent = parseStat(fs.read(`${procRoot}/${pid}/stat`))?.ppid;
    } catch {
      break;
    }
    const launcher = asLauncher(argv, pid);
    if (launcher) {
      found = launcher;
      break;
    }
    if (parent === undefined) break;
    pid = parent;
  }
  for (const pid of seen) cache.set(pid, found);
  return found ?? undefined;
}

/** `node …/caplint(.js) run [--profile P] … -- cmd`, or `caplint run …`. */
export function asLauncher(argv: readonly string[], pid: number): Launcher | undefined {
  const at = argv.findIndex((a) => /(^|\/)caplint(\.js)?$/.test(a));
  if (at < 0 || at > 1 || argv[at + 1] !== 'run') return undefined;
  const end = argv.indexOf('--', at);
  const args = argv.slice(at + 2, end < 0 ? undefined : end);
  const flag = (name: string): string | undefined => {
    let value: string | undefined;
    args.forEach((a, i) => {
      if (a === `--${name}` && args[i + 1] !== undefined) value = args[i + 1]!;
      else if (a.startsWith(`--${name}=`)) value = a.slice(name.length + 3);
    });
    return value;
  };
  const seccomp = flag('seccomp');
  return { tool: 'caplint run', pid, profile: flag('profile') ?? 'default', ...(seccomp !== undefined ? { seccomp } : {}) };
}
