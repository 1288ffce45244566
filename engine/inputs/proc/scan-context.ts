/** What one scan reads once and shares across processes. */
import type { DeviceRule, IdMapping, Maybe } from '../../model/subject.js';
import type { FileId, ProcFs, ProcRoots } from './proc-fs.js';
import type { NamespaceIds } from './read-namespaces.js';
import type { LimitReader } from './read-limits.js';
import type { MountView } from './read-mounts.js';
import type { Hierarchy } from './cgroup-hierarchies.js';
import type { ContainerIndex } from './identify-container.js';
import type { MountInfo } from './parse-mountinfo.js';
import type { Launcher } from './launcher.js';
import type { CgroupFacts } from './cgroup-facts.js';
import type { NamespaceFacts } from './namespace-facts.js';
import type { TextTrie } from './text-trie.js';
import type { SharedPart } from './read-process.js';

export interface ScanContext {
  readonly fs: ProcFs;
  readonly roots: ProcRoots;
  /** cap_last_cap, or undefined when unreadable (then all 64 bits are decoded). */
  readonly lastCap: number | undefined;
  readonly reference: { readonly pid: number; readonly ids: NamespaceIds; readonly notes: readonly string[] };
  readonly hierarchies: readonly Hierarchy[];
  readonly limits: LimitReader;
  /** Mount views by mount namespace and root, shared by the processes that see the same mounts. */
  readonly mountViews: Map<string, MountView>;
  /** True when an SELinux filesystem is mounted, so attr/current is an SELinux context. */
  readonly selinux: boolean;
  /** False when no LSM provides process labels (the reader's own attr/current answers EINVAL): labels are then null for all. */
  readonly lsmLabels: boolean;
  /** uid_map and gid_map by user namespace: every process of one namespace has the same maps. */
  readonly idMaps: Map<string, { readonly uid: readonly IdMapping[]; readonly gid: readonly IdMapping[] }>;
  /** What each distinct set of namespace links decides. */
  readonly namespaceFacts: TextTrie<NamespaceFacts>;
  /** (dev, inode) by ns link text (`net:[4026531840]`), stat'ed once per namespace. */
  readonly namespaceIds: Map<string, FileId>;
  /** What each distinct /proc/PID/cgroup text decides (memberships, limits, container, devices). */
  readonly cgroupFacts: Map<string, CgroupFacts>;
  /** devices.list rules by cgroup directory. */
  readonly deviceRules: Map<string, Maybe<DeviceRule[]>>;
  /** The reader's own mounts (the host's, for a reader in the initial mount namespace). */
  readonly hostMounts: readonly MountInfo[];
  /** Default masked and read-only paths this host does not have (they cannot be exposed), found once. */
  absentMasked?: readonly string[];
  /** `caplint run` launchers by ancestor pid (null: none above it). */
  readonly launchers: Map<number, Launcher | null>;
  /** Containers by cgroup, from the cgroup paths and the runtimes' state. */
  readonly containers: ContainerIndex;
  /** Counts of fields that could not be read, by reason. */
  readonly unreadable: Map<string, number>;
  /** The part of a Subject that processes read alike share, by their raw texts (read-process.ts). */
  readonly shared: TextTrie<SharedPart>;
}

export function countUnreadable(context: ScanContext, reason: string): void {
  context.unreadable.set(reason, (context.unreadable.get(reason) ?? 0) + 1);
}
