/**
 * One container of a pod as a Subject. Pod-level securityContext applies
 * where the container does not set the field itself; what only the image
 * knows (the user when runAsUser is unset) stays unknown.
 */
import type { Limits, Mount, Namespaces, SeccompState, Subject } from '../../model/subject.js';
import { unknown } from '../../model/subject.js';
import { effectiveCapabilities } from '../cap-arithmetic.js';
import type { BadCapability } from '../cap-arithmetic.js';
import type { Container, PodSpec } from './pod.gen.js';
import { podFacts } from './pod-facts.js';
import type { ContainerType } from './pod-facts.js';
import { appArmorProfile, seccompState, seLinuxLabel } from './lsm.js';
import type { LocalhostLoader } from './lsm.js';
import { cpuQuota, parseQuantity } from './quantity.js';

export interface ContainerInput {
  readonly workload: string;
  readonly spec: PodSpec;
  readonly container: Container;
  readonly type: ContainerType;
  readonly primary: boolean;
  readonly file: string;
  /** Object and pod template annotations, merged, with the suppressions that apply to this container. */
  readonly annotations: Readonly<Record<string, string>>;
  /** The pod template's annotations (legacy seccomp and AppArmor settings live there). */
  readonly podAnnotations: Readonly<Record<string, string>>;
  readonly localhost: LocalhostLoader;
}

const TYPE_WORD: Readonly<Record<ContainerType, string>> = { container: 'container', initContainer: 'init container', ephemeralContainer: 'ephemeral container' };

export function containerSubject(input: ContainerInput): { subject: Subject; badCaps: BadCapability[] } {
  const { spec, container } = input;
  const sc = container.securityContext ?? {};
  const pod = spec.securityContext ?? {};
  const privileged = sc.privileged === true;
  const uid = sc.runAsUser ?? pod.runAsUser;
  const gid = sc.runAsGroup ?? pod.runAsGroup;
  const nonRoot = (sc.runAsNonRoot ?? pod.runAsNonRoot) === true;
  const { capabilities, bad } = effectiveCapabilities({ add: sc.capabilities?.add ?? [], drop: sc.capabilities?.drop ?? [] }, privileged, (uid !== undefined && uid !== 0) || nonRoot);
  const seccomp: SeccompState = seccompState(spec, container, input.podAnnotations, privileged, input.localhost);
  const unmasked = privileged || sc.procMount === 'Unmasked';
  const subject: Subject = {
    kind: 'kubernetes',
    name: `${input.workload} ${TYPE_WORD[input.type]} ${container.name}`,
    file: input.file,
    os: spec.os?.name === 'windows' ? 'windows' : 'linux',
    capabilities,
    namespaces: namespaces(spec),
    uidMappings: spec.hostUsers === false ? unknown('chosen by the kubelet for pods with hostUsers: false') : [],
    gidMappings: spec.hostUsers === false ? unknown('chosen by the kubelet for pods with hostUsers: false') : [],
    seccomp,
    noNewPrivileges: sc.allowPrivilegeEscalation === false && !privileged,
    privileged,
    user: { uid: uid ?? unknown('set by the image'), gid: gid ?? unknown('set by the image'), ...(nonRoot ? { nonRoot: true } : {}), ...groups(spec) },
    readOnlyRootfs: sc.readOnlyRootFilesystem === true,
    mounts: hostMounts(spec, container),
    devices: [],
    deviceRules: privileged ? [{ allow: true, type: 'a', major: null, minor: null, access: 'rwm' }] : [],
    sysctls: Object.fromEntries((pod.sysctls ?? []).map((s) => [s.name, s.value ?? ''])),
    maskedPaths: unmasked ? [] : unknown('the runtime\'s defaults apply (procMount Default)'),
    readonlyPaths: unmasked ? [] : unknown('the runtime\'s defaults apply (procMount Default)'),
    lsm: { apparmor: appArmorProfile(spec, container, input.podAnnotations, privileged), selinux: seLinuxLabel(spec, container) },
    limits: limits(container),
    annotations: input.annotations,
    podSecurity: podFacts(input.workload, spec, container, input.type, input.primary, input.podAnnotations),
  };
  return { subject, badCaps: bad };
}

/** supplementalGroups, and fsGroup, which the kubelet also adds to every container's processes. */
function groups(spec: PodSpec): { groups?: readonly number[] } {
  const pod = spec.securityContext ?? {};
  const all = [...(pod.supplementalGroups ?? []), ...(pod.fsGroup !== undefined ? [pod.fsGroup] : [])];
  return all.length ? { groups: all } : {};
}

function namespaces(spec: PodSpec): Namespaces {
  const host = { state: 'host' } as const;
  const own = { state: 'isolated' } as const;
  return {
    pid: spec.hostPID ? host : own,
    network: spec.hostNetwork ? host : own,
    ipc: spec.hostIPC ? host : own,
    // A pod on the host network also keeps the host's UTS namespace.
    uts: spec.hostNetwork ? host : own,
    mount: own,
    cgroup: own,
    user: spec.hostUsers === false ? own : host,
    time: host,
  };
}

function hostMounts(spec: PodSpec, container: Container): Mount[] {
  const volumes = new Map((spec.volumes ?? []).map((v) => [v.name, v]));
  return (container.volumeMounts ?? []).flatMap((m) => {
    const path = volumes.get(m.name)?.hostPath?.path;
    if (path === undefined) return [];
    const readOnly = m.readOnly === true;
    return [{ destination: m.mountPath, source: path, type: 'bind', options: readOnly ? ['rbind', 'ro'] : ['rbind'], bind: true, readOnly }];
  });
}

function limits(container: Container): Limits {
  const l = container.resources?.limits ?? {};
  const memory = l.memory === undefined ? undefined : parseQuantity(l.memory);
  const cpu = l.cpu === undefined ? undefined : parseQuantity(l.cpu);
  return {
    memory: l.memory === undefined ? null : memory === undefined ? unknown(`"${l.memory}" is not a quantity`) : Math.round(memory),
    pids: unknown('set per node by the kubelet (podPidsLimit), not in the manifest'),
    cpu: l.cpu === undefined ? null : cpu === undefined ? unknown(`"${l.cpu}" is not a quantity`) : cpuQuota(cpu),
  };
}
