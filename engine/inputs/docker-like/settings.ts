/**
 * What compose files and `docker inspect` output say about a container, in
 * Docker's own terms: both inputs fill this, and one builder turns it into a
 * Subject with Docker's defaults (runtime default capabilities and seccomp,
 * no user namespace, no_new_privs off).
 */
import type { Maybe, CpuLimit, SeccompState } from '../../model/subject.js';

/** The fields a locator can point at; each input maps them to its own pointers. */
export type DockerField =
  | 'service' | 'capAdd' | 'capDrop' | 'privileged' | 'pid' | 'ipc' | 'network' | 'uts' | 'userns' | 'cgroup'
  | 'securityOpt' | 'readOnly' | 'user' | 'groupAdd' | 'devices' | 'mounts' | 'sysctls' | 'memory' | 'pids' | 'cpu' | 'labels' | 'apparmor';

export interface DockerMount {
  readonly type: 'bind' | 'volume' | 'tmpfs' | 'other';
  readonly source: string;
  readonly target: string;
  readonly readOnly: boolean;
}

export interface DockerDevice {
  readonly host: string;
  readonly container: string;
}

export interface DockerSettings {
  readonly kind: 'compose' | 'docker';
  /** `service "web"`, `container "web"`. */
  readonly name: string;
  readonly capAdd: readonly string[];
  readonly capDrop: readonly string[];
  readonly privileged: boolean;
  /** Namespace modes as written (`host`, `container:NAME`, `service:NAME`, `private`, ...), absent = Docker's default. */
  readonly modes: { readonly pid?: string; readonly ipc?: string; readonly network?: string; readonly uts?: string; readonly userns?: string; readonly cgroup?: string };
  readonly securityOpt: readonly string[];
  readonly readOnly: boolean;
  readonly user?: string;
  /** Supplementary groups as written (compose group_add, docker GroupAdd): names or numbers. */
  readonly groupAdd: readonly string[];
  readonly devices: readonly DockerDevice[];
  readonly mounts: readonly DockerMount[];
  /** In order, so a finding can point at one entry. */
  readonly sysctls: readonly (readonly [string, string])[];
  readonly memory: Maybe<number | null>;
  readonly pids: Maybe<number | null>;
  readonly cpu: Maybe<CpuLimit | null>;
  readonly labels: Readonly<Record<string, string>>;
  /** docker inspect's AppArmorProfile: what the daemon applied. */
  readonly appliedAppArmor?: string;
  /** How the input resolves `seccomp=VALUE` (a file for compose, inline JSON for docker inspect). */
  readonly seccompProfile: (value: string, index: number) => SeccompState;
}

export interface SecurityOpt {
  readonly index: number;
  readonly key: string;
  readonly value: string;
}

/** `seccomp=unconfined`, `seccomp:FILE`, `no-new-privileges`, `apparmor=NAME`, `label=type:T`: key and value, either separator. */
export function parseSecurityOpts(opts: readonly string[]): SecurityOpt[] {
  return opts.map((opt, index) => {
    const m = /^([a-z-]+)(?:[=:](.*))?$/s.exec(opt.trim());
    return { index, key: m?.[1] ?? opt, value: m?.[2] ?? '' };
  });
}

export function findOpt(opts: readonly SecurityOpt[], key: string): SecurityOpt | undefined {
  return opts.findLast((o) => o.key === key);
}
