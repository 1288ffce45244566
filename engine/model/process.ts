/**
 * What the model knows of a live process beyond what rules judge: its
 * identity, all of its ids, where its cgroup limits come from, and its
 * threads whose credentials differ from the thread-group leader's.
 */
import type { CapSetName, Maybe } from './subject.js';
import type { NamespaceType } from '../linux/namespaces.js';

export interface IdQuad {
  readonly real: number;
  readonly effective: number;
  readonly saved: number;
  readonly fs: number;
}

export interface ThreadDifference {
  readonly tid: number;
  /** The /proc status fields that differ from the leader's (Uid, Gid, CapEff, NoNewPrivs, Seccomp, ...). */
  readonly fields: readonly string[];
}

export interface ProcessDetails {
  readonly pid: number;
  readonly ppid: number;
  /** The kernel's command name (comm). */
  readonly comm: string;
  /** argv from /proc/PID/cmdline ([] for kernel threads and zombies). */
  readonly command: Maybe<readonly string[]>;
  readonly state: string;
  /** Start time in clock ticks after boot: with the pid, one process (guards against pid reuse). */
  readonly startTime: string;
  readonly kernelThread: boolean;
  readonly uids: Maybe<IdQuad>;
  readonly gids: Maybe<IdQuad>;
  /** The pid in each nested PID namespace, outermost first. */
  readonly nsPids: readonly number[];
  /** The process the namespaces were compared with. */
  readonly reference: number;
  /** Namespace inode numbers (as lsns prints them), null where unreadable. */
  readonly namespaceInodes: Readonly<Record<NamespaceType, number | null>>;
  /** The kernel's highest capability bit when read (cap_last_cap). */
  readonly capLastCap: number | null;
  /** Capability masks exactly as /proc printed them. */
  readonly capabilityMasks: Readonly<Partial<Record<CapSetName, string>>>;
  /** Membership per hierarchy, as /proc/PID/cgroup lists it. */
  readonly cgroups: Maybe<readonly { readonly version: 1 | 2; readonly controllers: readonly string[]; readonly path: string }[]>;
  /** The cgroup directory each applied limit was read from. */
  readonly limitSources: Readonly<Partial<Record<'memory' | 'pids' | 'cpu', string>>>;
  /** Threads whose credentials differ from the leader's. */
  readonly threads: Maybe<readonly ThreadDifference[]>;
  /** Syscalls of the risk catalogue the process's dumped seccomp filters allow, when they could be dumped. */
  readonly reachableSyscalls?: Maybe<readonly string[]>;
  /** Those of reachableSyscalls that the filters let through only for some argument values. */
  readonly argumentCheckedSyscalls?: readonly string[];
  /** Argument-gated syscalls (clone, clone3, socket) the dumped filters let through with their risky arguments (CLONE_NEWUSER, AF_ALG, AF_VSOCK). */
  readonly riskyArgumentSyscalls?: readonly string[];
  /** The dumped filters allow a syscall number no table holds: they allow by default. */
  readonly filterDefaultAllows?: boolean;
  /** When `caplint run` launched the process (found through its parents): that run's pid and profile. */
  readonly launcher?: { readonly tool: 'caplint run'; readonly pid: number; readonly profile: string; readonly seccomp?: string };
  /** sha256 of the dumped seccomp programs (and the arch they were read for), when they could be dumped. */
  readonly filterHash?: string;
}
