/**
 * The isolation part of a launch plan: namespaces, id maps, mounts and the
 * cgroups the child joins. TypeScript decides it (engine/run/isolation-*.ts);
 * the addon applies it in this order, in a child that is a process of its
 * own (enforcer/native/spawn-isolated.cc):
 *
 *  1. clone with CLONE_NEWUSER (first), CLONE_NEWPID, NEWNS, NEWNET, NEWIPC, NEWUTS
 *  2. the parent writes setgroups "deny" (when the kernel requires it), uid_map, gid_map
 *  3. the child joins each cgroup (cgroup.procs), then unshares CLONE_NEWCGROUP,
 *     so its cgroup namespace is rooted at its own cgroup; a cgroup2 directory
 *     (cgroupDir) it is created in, by clone3 CLONE_INTO_CGROUP, where the
 *     kernel has it (5.7+), else it joins that one with a write too
 *  4. mounts: / recursively private, a fresh /proc, read-only paths, masked paths, / read-only
 *  5. lo up, the hostname
 *  6. with a pid namespace: the minimal init (PID 1) starts the command under it
 *  7. the capability, no_new_privs and seccomp steps (launch-plan.ts), execve
 */
export const NAMESPACE_KINDS = ['user', 'pid', 'mount', 'net', 'ipc', 'uts', 'cgroup'] as const;
export type NamespaceKind = (typeof NAMESPACE_KINDS)[number];

/** CLONE_NEW* (linux/sched.h). */
export const CLONE_FLAG: Readonly<Record<NamespaceKind, number>> = {
  user: 0x10000000, pid: 0x20000000, mount: 0x00020000, net: 0x40000000, ipc: 0x08000000, uts: 0x04000000, cgroup: 0x02000000,
};

/**
 * The caller's uid/gid outside, mapped to one uid/gid inside (unshare
 * --map-root-user / --map-user), or ranges of ids from the inside and
 * outside starts (uidCount/gidCount, default 1; --map-users).
 */
export interface IdMap {
  readonly insideUid: number;
  readonly insideGid: number;
  readonly outsideUid: number;
  readonly outsideGid: number;
  readonly uidCount?: number;
  readonly gidCount?: number;
  /** setgroups "deny": required before gid_map when the writer lacks CAP_SETGID. */
  readonly denySetgroups: boolean;
}

export interface MaskedPath {
  readonly path: string;
  /** A directory is covered by an empty read-only tmpfs, a file by /dev/null. */
  readonly directory: boolean;
}

export interface IsolationPlan {
  /** Namespaces created for the child; the others are shared with caplint. */
  readonly namespaces: readonly NamespaceKind[];
  readonly idMap: IdMap | null;
  readonly mountProc: boolean;
  readonly readOnlyRoot: boolean;
  readonly maskedPaths: readonly MaskedPath[];
  /** Bound read-only onto themselves (OCI linux.readonlyPaths). */
  readonly readonlyPaths: readonly string[];
  readonly hostname: string | null;
  /** With a pid namespace: caplint's minimal init is PID 1 and starts the command (false: the command is PID 1). */
  readonly init: boolean;
  /** cgroup.procs files the child writes itself into before anything else. */
  readonly cgroupProcs: readonly string[];
  /** A cgroup2 directory the child is created in (clone3 CLONE_INTO_CGROUP); absent or null for none. */
  readonly cgroupDir?: string | null;
}

export interface NativeIsolation {
  readonly cloneFlags: number;
  readonly uidMap: string | null;
  readonly gidMap: string | null;
  readonly denySetgroups: boolean;
  readonly mountProc: boolean;
  readonly readOnlyRoot: boolean;
  readonly maskedFiles: readonly string[];
  readonly maskedDirs: readonly string[];
  readonly readonlyPaths: readonly string[];
  readonly hostname: string | null;
  readonly init: boolean;
  readonly cgroupProcs: readonly string[];
  readonly cgroupDir: string | null;
}

const has = (plan: IsolationPlan, kind: NamespaceKind): boolean => plan.namespaces.includes(kind);

export function toNativeIsolation(plan: IsolationPlan): NativeIsolation {
  const mounts = plan.mountProc || plan.readOnlyRoot || plan.maskedPaths.length > 0 || plan.readonlyPaths.length > 0;
  if (mounts && !has(plan, 'mount')) throw new RangeError('launch plan: mounts need a mount namespace');
  if (plan.hostname !== null && !has(plan, 'uts')) throw new RangeError('launch plan: a hostname needs a uts namespace');
  if (plan.idMap && !has(plan, 'user')) throw new RangeError('launch plan: id maps need a user namespace');
  const map = (inside: number, outside: number, count = 1): string => `${inside} ${outside} ${count}\n`;
  return {
    cloneFlags: plan.namespaces.reduce((bits, kind) => bits | CLONE_FLAG[kind], 0),
    uidMap: plan.idMap ? map(plan.idMap.insideUid, plan.idMap.outsideUid, plan.idMap.uidCount) : null,
    gidMap: plan.idMap ? map(plan.idMap.insideGid, plan.idMap.outsideGid, plan.idMap.gidCount) : null,
    denySetgroups: plan.idMap?.denySetgroups ?? false,
    mountProc: plan.mountProc,
    readOnlyRoot: plan.readOnlyRoot,
    maskedFiles: plan.maskedPaths.filter((m) => !m.directory).map((m) => m.path),
    maskedDirs: plan.maskedPaths.filter((m) => m.directory).map((m) => m.path),
    readonlyPaths: [...plan.readonlyPaths],
    hostname: plan.hostname,
    init: plan.init,
    cgroupProcs: [...plan.cgroupProcs],
    cgroupDir: plan.cgroupDir ?? null,
  };
}
