/**
 * Pod Security facts: the fields the Kubernetes Pod Security Standards read,
 * as written, at pod and container level. Kubernetes inputs fill them
 * exactly; compose and docker inspect fill their Docker equivalents. Plain
 * data; undefined means "not set", which the standards treat differently
 * from an explicit value.
 *
 * Model keys (see keys.ts) for locating them:
 *   pss.hostNetwork, pss.hostPID, pss.hostIPC, pss.hostUsers, pss.os
 *   pss.pod.<field>         pod securityContext field (runAsNonRoot, seccompProfile, sysctls/<i>, ...)
 *   pss.container.<field>   container securityContext field (privileged, capabilities.add/<i>, ...)
 *   pss.volumes/<i>, pss.ports/<i>, pss.probes/<i>, pss.annotations/<key>
 */
export interface SeLinuxFacts {
  readonly type?: string;
  readonly user?: string;
  readonly role?: string;
  readonly level?: string;
}

/** Fields both levels of securityContext share. */
export interface CommonSecurityFacts {
  readonly runAsNonRoot?: boolean;
  readonly runAsUser?: number;
  /** seccompProfile.type as written (RuntimeDefault, Localhost, Unconfined, ...). */
  readonly seccompType?: string;
  readonly appArmorType?: string;
  readonly seLinux?: SeLinuxFacts;
  readonly hostProcess?: boolean;
}

export interface PodLevelFacts extends CommonSecurityFacts {
  /** Names of securityContext.sysctls, in order. */
  readonly sysctls: readonly string[];
}

export interface ContainerLevelFacts extends CommonSecurityFacts {
  readonly privileged?: boolean;
  readonly allowPrivilegeEscalation?: boolean;
  /** securityContext.capabilities; undefined when not set at all. */
  readonly capabilities?: { readonly add: readonly string[]; readonly drop: readonly string[] };
  readonly procMount?: string;
}

export interface VolumeFacts {
  readonly name: string;
  /** The volume source field (hostPath, emptyDir, nfs, ...), or null when none is set. */
  readonly source: string | null;
}

export interface ProbeHostFacts {
  /** Where: `livenessProbe.httpGet`, `lifecycle.postStart.tcpSocket`, ... */
  readonly where: string;
  readonly host: string;
}

export interface PodSecurityFacts {
  /** The pod (or service) as findings about pod-level fields name it: `Deployment/web`. */
  readonly workload: string;
  readonly container: string;
  readonly containerType: 'container' | 'initContainer' | 'ephemeralContainer';
  /** The first container of its pod: pod-level findings are reported once, on it. */
  readonly primary: boolean;
  /** spec.os.name as written. */
  readonly os?: string;
  readonly hostNetwork: boolean;
  readonly hostPID: boolean;
  readonly hostIPC: boolean;
  readonly hostUsers?: boolean;
  readonly pod: PodLevelFacts;
  readonly containerLevel: ContainerLevelFacts;
  readonly volumes: readonly VolumeFacts[];
  /** hostPort of each container port (0 = none), by port index. */
  readonly hostPorts: readonly number[];
  readonly probeHosts: readonly ProbeHostFacts[];
  /** Pod annotations the standards read (AppArmor and seccomp, legacy forms), by key. */
  readonly annotations: Readonly<Record<string, string>>;
}
