/** A pod spec and one of its containers → the Pod Security facts, as written. */
import type { CommonSecurityFacts, ContainerLevelFacts, PodSecurityFacts, ProbeHostFacts, VolumeFacts } from '../../model/pod-security.js';
import type { Container, Handler, PodSecurityContext, PodSpec, SecurityContext, Volume } from './pod.gen.js';

export type ContainerType = PodSecurityFacts['containerType'];

/** Annotations the standards read: AppArmor and seccomp, in their legacy forms. */
const READ_ANNOTATIONS = /^(container\.apparmor\.security\.beta\.kubernetes\.io\/|container\.seccomp\.security\.alpha\.kubernetes\.io\/|seccomp\.security\.alpha\.kubernetes\.io\/pod$)/;

export function podFacts(
  workload: string, spec: PodSpec, container: Container, type: ContainerType, primary: boolean,
  annotations: Readonly<Record<string, string>>,
): PodSecurityFacts {
  const pod = spec.securityContext ?? {};
  return {
    workload,
    container: container.name,
    containerType: type,
    primary,
    ...(spec.os?.name !== undefined ? { os: spec.os.name } : {}),
    hostNetwork: spec.hostNetwork === true,
    hostPID: spec.hostPID === true,
    hostIPC: spec.hostIPC === true,
    ...(spec.hostUsers !== undefined ? { hostUsers: spec.hostUsers } : {}),
    pod: { ...common(pod), sysctls: (pod.sysctls ?? []).map((s) => s.name) },
    containerLevel: containerLevel(container.securityContext),
    volumes: (spec.volumes ?? []).map(volumeFacts),
    hostPorts: (container.ports ?? []).map((p) => p.hostPort ?? 0),
    probeHosts: probeHosts(container),
    annotations: Object.fromEntries(Object.entries(annotations).filter(([key]) => READ_ANNOTATIONS.test(key))),
  };
}

function common(sc: PodSecurityContext | SecurityContext): CommonSecurityFacts {
  const facts: { -readonly [K in keyof CommonSecurityFacts]: CommonSecurityFacts[K] } = {};
  if (sc.runAsNonRoot !== undefined) facts.runAsNonRoot = sc.runAsNonRoot;
  if (sc.runAsUser !== undefined) facts.runAsUser = sc.runAsUser;
  if (sc.seccompProfile) facts.seccompType = sc.seccompProfile.type;
  if (sc.appArmorProfile) facts.appArmorType = sc.appArmorProfile.type;
  if (sc.seLinuxOptions) facts.seLinux = { ...sc.seLinuxOptions };
  if (sc.windowsOptions?.hostProcess !== undefined) facts.hostProcess = sc.windowsOptions.hostProcess;
  return facts;
}

function containerLevel(sc: SecurityContext | undefined): ContainerLevelFacts {
  if (!sc) return {};
  return {
    ...common(sc),
    ...(sc.privileged !== undefined ? { privileged: sc.privileged } : {}),
    ...(sc.allowPrivilegeEscalation !== undefined ? { allowPrivilegeEscalation: sc.allowPrivilegeEscalation } : {}),
    ...(sc.capabilities ? { capabilities: { add: sc.capabilities.add ?? [], drop: sc.capabilities.drop ?? [] } } : {}),
    ...(sc.procMount !== undefined ? { procMount: sc.procMount } : {}),
  };
}

function volumeFacts(volume: Volume): VolumeFacts {
  const source = Object.keys(volume).find((key) => key !== 'name' && (volume as Record<string, unknown>)[key] != null);
  return { name: volume.name, source: source ?? null };
}

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;

function probeHosts(container: Container): ProbeHostFacts[] {
  const found: ProbeHostFacts[] = [];
  const visit = (where: string, handler: Handler | undefined) => {
    for (const how of ['httpGet', 'tcpSocket'] as const) {
      const host = handler?.[how]?.host;
      if (host) found.push({ where: `${where}.${how}`, host });
    }
  };
  for (const probe of PROBES) visit(probe, container[probe]);
  visit('lifecycle.postStart', container.lifecycle?.postStart);
  visit('lifecycle.preStop', container.lifecycle?.preStop);
  return found;
}
