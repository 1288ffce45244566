/**
 * The normalised model: every input (OCI, Kubernetes, compose, docker
 * inspect, /proc) becomes Subjects, and rules see only Subjects. A Subject is
 * plain, serialisable data; where a field could not be read it is Unknown,
 * which rules never treat as safe.
 */
import type { NamespaceType } from '../linux/namespaces.js';
import type { ProcessDetails } from './process.js';
import type { RepeatedKey, SourceDocument } from './located.js';
import type { PodSecurityFacts } from './pod-security.js';
import type { ContainerRef } from './container.js';

export type SubjectKind = 'oci' | 'kubernetes' | 'compose' | 'docker' | 'process';
export const SUBJECT_KINDS: readonly SubjectKind[] = ['oci', 'kubernetes', 'compose', 'docker', 'process'];

export const CAP_SETS = ['bounding', 'permitted', 'effective', 'inheritable', 'ambient'] as const;
export type CapSetName = (typeof CAP_SETS)[number];

/** A value that could not be read. */
export interface Unknown {
  readonly unknown: true;
  readonly reason: string;
}
export type Maybe<T> = T | Unknown;

export function unknown(reason: string): Unknown {
  return { unknown: true, reason };
}

export function isUnknown(value: unknown): value is Unknown {
  return typeof value === 'object' && value !== null && (value as { unknown?: unknown }).unknown === true;
}

/** Canonical capability names (`CAP_SYS_ADMIN`, or `CAP_<n>` for bits without a name). */
export type CapabilityList = readonly string[];

export interface Capabilities {
  readonly bounding: Maybe<CapabilityList>;
  readonly permitted: Maybe<CapabilityList>;
  readonly effective: Maybe<CapabilityList>;
  readonly inheritable: Maybe<CapabilityList>;
  readonly ambient: Maybe<CapabilityList>;
  /** Kubernetes/compose/docker: the add/drop text exactly as written. */
  readonly written?: { readonly add: readonly string[]; readonly drop: readonly string[] };
  /** When the sets were not written but implied (e.g. an OCI config without process.capabilities), why. */
  readonly implicit?: string;
}

export type NamespaceState =
  | { readonly state: 'isolated' }
  /** Shared with the host (or the reference process). */
  | { readonly state: 'host' }
  /** Joins an existing namespace by path, e.g. /proc/1/ns/net. */
  | {
    readonly state: 'joined'; readonly path: string;
    /** Live comparisons: the namespace's inode, resolved by stat on this host (or why it could not be). */
    readonly inode?: number; readonly unresolved?: string;
  }
  | { readonly state: 'unknown'; readonly reason: string };

export type Namespaces = Readonly<Record<NamespaceType, NamespaceState>>;

export interface IdMapping {
  readonly containerID: number;
  readonly hostID: number;
  readonly size: number;
}

export type SeccompActionName =
  | 'SCMP_ACT_KILL' | 'SCMP_ACT_KILL_PROCESS' | 'SCMP_ACT_KILL_THREAD' | 'SCMP_ACT_TRAP'
  | 'SCMP_ACT_ERRNO' | 'SCMP_ACT_TRACE' | 'SCMP_ACT_ALLOW' | 'SCMP_ACT_LOG' | 'SCMP_ACT_NOTIFY';

/** A seccomp profile as written (OCI linux.seccomp or Docker's format), kept as parsed JSON. */
export interface SeccompProfileSource {
  readonly format: 'oci' | 'docker';
  readonly document: unknown;
  /** JSON pointer of the profile inside its file. */
  readonly pointer: string;
  readonly file: string | null;
  /**
   * The parsed text the profile came from, when known (additive): lets the
   * profile reader place errors at line and column and read 64-bit argument
   * values exactly, which JSON.parse cannot.
   */
  readonly origin?: SourceDocument;
}

export type SeccompState =
  /** No filter at all. */
  | { readonly mode: 'disabled' }
  /** Unconfined (Kubernetes `Unconfined`, compose `seccomp:unconfined`); `implicit` says why when nothing asked for it. */
  | { readonly mode: 'unconfined'; readonly implicit?: string }
  | { readonly mode: 'strict' }
  /** The runtime's default profile, contents not in the input. */
  | { readonly mode: 'runtime-default' }
  /** A filter: its profile when the input holds it, the count of filters for a process. */
  | { readonly mode: 'filter'; readonly profile?: SeccompProfileSource; readonly filters?: number }
  | { readonly mode: 'unknown'; readonly reason: string };

export interface Mount {
  readonly destination: string;
  readonly source: string;
  readonly type: string;
  readonly options: readonly string[];
  readonly bind: boolean;
  readonly readOnly: boolean;
}

export interface Device {
  readonly path: string;
  readonly type: string;
  readonly major?: number;
  readonly minor?: number;
}

/** Device cgroup rule (OCI linux.resources.devices). */
export interface DeviceRule {
  readonly allow: boolean;
  readonly type: string;
  readonly major: number | null;
  readonly minor: number | null;
  readonly access: string;
}

export interface CpuLimit {
  readonly quota: number;
  readonly period: number;
}

/** null = no limit set. */
export interface Limits {
  readonly memory: Maybe<number | null>;
  readonly pids: Maybe<number | null>;
  readonly cpu: Maybe<CpuLimit | null>;
}

export interface UserIdentity {
  readonly uid: Maybe<number>;
  readonly gid: Maybe<number>;
  /** Known not to be uid 0 even when the uid itself is unknown (Kubernetes runAsNonRoot: true: the kubelet refuses root). */
  readonly nonRoot?: boolean;
  /**
   * Supplementary gids the input grants (OCI additionalGids, Kubernetes supplementalGroups and fsGroup, compose
   * group_add, docker GroupAdd); group names the image would resolve are left out. Absent: none written.
   */
  readonly groups?: readonly number[];
}

export interface LsmLabels {
  readonly apparmor: Maybe<string | null>;
  readonly selinux: Maybe<string | null>;
}

export interface Subject {
  readonly kind: SubjectKind;
  /** Human name: `container "web"`, `Deployment/web container nginx`, `pid 4242 (nginx)`. */
  readonly name: string;
  /** Path as given on the command line, `<stdin>`, or null for a live process. */
  readonly file: string | null;
  readonly pid?: number;
  /** Operating system the workload targets; rules for Linux facilities skip others. */
  readonly os: 'linux' | 'windows' | 'other';
  readonly capabilities: Capabilities;
  readonly namespaces: Namespaces;
  readonly uidMappings: Maybe<readonly IdMapping[]>;
  readonly gidMappings: Maybe<readonly IdMapping[]>;
  readonly seccomp: SeccompState;
  readonly noNewPrivileges: Maybe<boolean>;
  readonly privileged: Maybe<boolean>;
  readonly user: UserIdentity;
  readonly readOnlyRootfs: Maybe<boolean>;
  readonly mounts: Maybe<readonly Mount[]>;
  readonly devices: Maybe<readonly Device[]>;
  readonly deviceRules: Maybe<readonly DeviceRule[]>;
  readonly sysctls: Maybe<Readonly<Record<string, string>>>;
  /** null when the input does not set the list. */
  readonly maskedPaths: Maybe<readonly string[] | null>;
  readonly readonlyPaths: Maybe<readonly string[] | null>;
  readonly lsm: LsmLabels;
  readonly limits: Limits;
  /** Keys its input writes twice in one mapping (see located.ts): the runtime may read the input differently. */
  readonly repeatedKeys?: readonly RepeatedKey[];
  /** Free-form annotations/labels of the input (suppressions live here). */
  readonly annotations: Readonly<Record<string, string>>;
  /** Kubernetes, compose, docker: the fields the Pod Security Standards read, as written. */
  readonly podSecurity?: PodSecurityFacts;
  /** Live processes only: the container the process runs in, when the host can tell. */
  readonly container?: ContainerRef;
  /** Live processes only: identity, ids, cgroups, threads (see process.ts). */
  readonly process?: ProcessDetails;
}
