/**
 * The whole native surface of the enforcer addon (enforcer/native/*.cc).
 * Every policy decision is made in TypeScript; the addon applies a plan
 * already decided and only re-checks argument types.
 */
import type { NativeIsolation } from './isolation-plan.js';

/** The plan as the addon reads it (enforcer/native/plan.cc). Masks are 64-bit capability masks. */
export interface NativePlan {
  readonly file: string;
  readonly argv: readonly string[];
  /** `NAME=value` entries. */
  readonly env: readonly string[];
  readonly cwd: string | null;
  /** Highest capability bit the kernel knows (/proc/sys/kernel/cap_last_cap). */
  readonly lastCap: number;
  readonly dropBounding: boolean;
  /** Bounding-set bits kept; every other bit up to lastCap is dropped. */
  readonly bounding: bigint;
  readonly setCapabilities: boolean;
  readonly permitted: bigint;
  readonly effective: bigint;
  readonly inheritable: bigint;
  readonly ambient: bigint;
  /** Both null, or both set (setgroups([]) + setresgid + setresuid under PR_SET_KEEPCAPS). */
  readonly uid: number | null;
  readonly gid: number | null;
  readonly noNewPrivs: boolean;
  /** struct sock_filter[] bytes, or null for no filter. */
  readonly seccomp: Uint8Array | null;
  /** SECCOMP_FILTER_FLAG_* bits. */
  readonly seccompFlags: number;
  /** Namespaces and cgroups (enforcer/native/isolation-plan.h), or null. */
  readonly isolation?: NativeIsolation | null;
}

/** Child steps in the order they run; the numbers match enum Step in enforcer/native/plan.h. */
export const CHILD_STEPS = {
  1: 'signals',
  2: 'descriptors',
  3: 'stdio',
  4: 'bounding-drop',
  5: 'keep-caps',
  6: 'setgroups',
  7: 'setresgid',
  8: 'setresuid',
  9: 'capset',
  10: 'ambient-clear',
  11: 'ambient-raise',
  12: 'parent-death',
  13: 'chdir',
  14: 'no-new-privs',
  15: 'seccomp',
  16: 'exec',
} as const;

/** Steps of an isolated launch; the numbers match enum IsolationStep in enforcer/native/isolation-plan.h. */
export const ISOLATION_STEPS = {
  100: 'namespaces',
  101: 'id-map',
  102: 'wait-parent',
  103: 'cgroup-join',
  104: 'cgroup-namespace',
  105: 'mount-private',
  106: 'mount-proc',
  107: 'read-only-root',
  108: 'mask-path',
  109: 'loopback',
  110: 'hostname',
  111: 'init',
  112: 'killed-before-exec',
  113: 'read-only-path',
} as const;
export type ChildStep = (typeof CHILD_STEPS)[keyof typeof CHILD_STEPS] | (typeof ISOLATION_STEPS)[keyof typeof ISOLATION_STEPS];

/** What launch() returns: started, or the step that failed (step 0 = none) with its errno. */
export interface NativeLaunchResult {
  readonly started: boolean;
  readonly pid: number;
  /** Owned by the caller when started: hand it to waitExit (which closes it). */
  readonly pidfd: number;
  readonly step: number;
  readonly errno: number;
  /** The capability bit for per-capability steps, else -1. */
  readonly detail: number;
  /** With a pid namespace: the write end the init waits on before it reaps the command; close it once verified. Else -1. */
  readonly holdFd?: number;
  /** With a pid namespace: the command's pid inside it (`pid` is then the init's); else 0. */
  readonly nsPid?: number;
  /** clone3 CLONE_INTO_CGROUP created the child in plan.isolation.cgroupDir (false: it joined with a write, or none was planned). */
  readonly intoCgroup?: boolean;
}

/** How the child ended: exactly one of code and signal is set. */
export interface NativeExit {
  readonly code: number | null;
  readonly signal: number | null;
  /** Killed by SIGSYS before its program ran: the filter stopped the execve itself. */
  readonly beforeExec: boolean;
}

/** What a filter dump found: the filters, or that the target did not stop in time (it was detached, not left stopped). */
export interface NativeFilterDump {
  readonly timedOut: boolean;
  readonly filters: Buffer[];
}

/** What the rule host applies to itself (enforcer/native/self-confine.cc), in that order. */
export interface NativeSelfPlan {
  /** Highest capability bit the kernel knows; bounding bits up to it are dropped. */
  readonly lastCap: number;
  /** The uid and gid to take (glibc applies them to every thread), or null to keep them. */
  readonly user: { readonly uid: number; readonly gid: number } | null;
  /** RLIMIT_AS in bytes; 0 leaves it. */
  readonly addressSpace: number;
  /** RLIMIT_CPU in seconds; 0 leaves it. */
  readonly cpuSeconds: number;
  /** struct sock_filter[] bytes, installed with SECCOMP_FILTER_FLAG_TSYNC. */
  readonly seccomp: Uint8Array;
}

/** What confineSelf could not do, and did not need to (errno 0 = done). */
export interface NativeSelfResult {
  readonly userNamespaceErrno: number;
  readonly netNamespaceErrno: number;
  /** False when the bounding set could not be dropped (no CAP_SETPCAP). */
  readonly boundingCleared: boolean;
}

export interface NativeBinding {
  /** Clones, confines and execs synchronously; throws (with .errno) only when clone itself fails. */
  launch(plan: NativePlan): NativeLaunchResult;
  /** Resolves when the child exits; reaps it and closes the pidfd. The event loop keeps running. */
  waitExit(pidfd: number): Promise<NativeExit>;
  /** pidfd_send_signal; false when the child is already gone. */
  signal(pidfd: number, signal: number): boolean;
  /**
   * One struct sock_filter[] per filter attached to pid (index 0 = newest), via PTRACE_SECCOMP_GET_FILTER,
   * on a tracer thread with a deadline: a target that does not stop within timeoutMs is detached and reported timedOut.
   */
  dumpSeccompFilters(pid: number, timeoutMs: number): NativeFilterDump;
  /**
   * Confines the calling process: namespaces where allowed, rlimits, no core
   * dumps, capabilities cleared, no_new_privs, the filter on every thread.
   * Throws (with .step and .errno) when a required step fails.
   */
  confineSelf(plan: NativeSelfPlan): NativeSelfResult;
}

/** SHA-256 for the compiled-program cache (enforcer/native/sha256.cc; engine/run/bpf-cache/sha256.ts). */
export interface NativeHashBinding {
  /** The hex digest of a Uint8Array, or of a string as UTF-8. */
  sha256(data: string | Uint8Array): string;
}

/** The part of the addon only `caplint learn` uses (kept apart so fakes of NativeBinding need not grow). */
export interface NativeRecorderBinding {
  /**
   * `caplint learn` (enforcer/native/learn.cc): launch(plan) with the plan's filter attached
   * with SECCOMP_FILTER_FLAG_NEW_LISTENER, supervised by a recorder thread.
   */
  learn(plan: NativePlan, options: NativeLearnOptions): NativeLearnResult;
  /** Answers what is pending and ends the recording; false when it had already ended. */
  stopRecording(recorder: number): boolean;
}

export interface NativeLearnOptions {
  /** The base profile compiled with its real actions: decides each notified call (CONTINUE, or its errno). */
  readonly oracle: Uint8Array;
  /** [auditArch, nr, argMask] triples: the arguments kept for those calls (bit i = args[i]). */
  readonly capture: Uint32Array;
  /** tracefs set_event_pid and cap_capable/enable of a private instance (the recorder writes the child's pid, then 1, before the child's execve runs), or -1. */
  readonly tracePidFd: number;
  readonly traceEnableFd: number;
}

/** One distinct call: counted, not logged. `args[i]` is null unless argument i was captured. */
export interface NativeCallRecord {
  readonly arch: number;
  readonly nr: number;
  /** The base profile denied it: answered with its errno, never run. */
  readonly denied: boolean;
  /** Past 64 distinct argument values for this call: the rest counted here without values. */
  readonly overflow: boolean;
  readonly args: readonly (bigint | null)[];
  readonly count: number;
}

export interface NativeRecording {
  readonly calls: readonly NativeCallRecord[];
  readonly notifications: number;
  /** False when the recorder never got the listener (the child failed before its filter, or error says why). */
  readonly listened: boolean;
  readonly error: string | null;
  readonly traceError: string | null;
}

export interface NativeLearnResult extends NativeLaunchResult {
  readonly recorder: number;
  /** Settles once nothing uses the filter any more, or after stopRecording. */
  readonly recording: Promise<NativeRecording>;
}

/** The part of the addon only the /proc scan uses (enforcer/native/proc-scan.cc, each process read by proc-read.cc). */
export interface NativeProcBinding {
  /**
   * For each pid (every pid under procRoot, ascending, when null): stat, each of
   * `files`, each of `links` (readlink), then a last slot, all relative to /proc/PID.
   * A slot is the text or the errno of the failed call; the last is null when the
   * last link was read (the process lived through every read), else stat re-read.
   * `status` keeps only the lines keyed by statusKeys (all when empty). With skipKernelThreads,
   * a kernel thread's slots after its stat are undefined (not read).
   * The reads go on in background threads after the call returns; `take(c)` blocks
   * until pids [c·chunk, (c+1)·chunk) are read and returns their slots.
   */
  readProcFiles(procRoot: string, pids: Int32Array | null, files: readonly string[], links: readonly string[], statusKeys: readonly string[], skipKernelThreads?: boolean): NativeProcFiles;
}

export interface NativeProcFiles {
  readonly pids: Int32Array;
  /** Pids per chunk. */
  readonly chunk: number;
  /** The slots of chunk c, (files + links + 2) per pid; each chunk once (its texts are freed in the addon). */
  take(c: number): (string | number | null | undefined)[];
}
