/**
 * The Pod Security facts of a Docker container: the equivalents of the
 * fields the standards read. Docker applies its seccomp profile when none is
 * named, so an unset seccomp is RuntimeDefault here (unlike Kubernetes).
 */
import type { ContainerLevelFacts, PodSecurityFacts, SeLinuxFacts } from '../../model/pod-security.js';
import type { DockerSettings, SecurityOpt } from './settings.js';
import { findOpt } from './settings.js';

/** `1000`, `1000:1000`, `root`: the uid (part 0) or gid (part 1) when numeric or root; undefined otherwise. */
export function parseUser(user: string | undefined, part = 0): number | undefined {
  if (user === undefined || user === '') return undefined;
  const value = user.split(':')[part];
  if (value === undefined) return undefined;
  if (value === 'root') return 0;
  return /^\d+$/.test(value) ? Number(value) : undefined;
}

export function dockerPodFacts(s: DockerSettings, opts: readonly SecurityOpt[], uid: number | undefined): PodSecurityFacts {
  const nnp = findOpt(opts, 'no-new-privileges');
  const seccomp = findOpt(opts, 'seccomp');
  const apparmor = findOpt(opts, 'apparmor');
  const container: ContainerLevelFacts = {
    privileged: s.privileged,
    ...(nnp ? { allowPrivilegeEscalation: nnp.value === 'false' } : {}),
    ...(s.capAdd.length || s.capDrop.length ? { capabilities: { add: s.capAdd, drop: s.capDrop } } : {}),
    seccompType: !seccomp ? 'RuntimeDefault' : seccomp.value === 'unconfined' ? 'Unconfined' : 'Localhost',
    ...(apparmor ? { appArmorType: apparmor.value === 'unconfined' ? 'Unconfined' : apparmor.value === 'docker-default' ? 'RuntimeDefault' : 'Localhost' } : {}),
    ...(!apparmor && s.appliedAppArmor === 'unconfined' ? { appArmorType: 'Unconfined' } : {}),
    ...(seLinux(opts) ? { seLinux: seLinux(opts)! } : {}),
    ...(uid !== undefined ? { runAsUser: uid, runAsNonRoot: uid !== 0 } : {}),
    // Docker's equivalent of procMount: Unmasked.
    ...(findOpt(opts, 'systempaths')?.value === 'unconfined' ? { procMount: 'Unmasked' } : {}),
  };
  return {
    workload: s.name,
    container: s.name,
    containerType: 'container',
    primary: true,
    hostNetwork: s.modes.network === 'host',
    hostPID: s.modes.pid === 'host',
    hostIPC: s.modes.ipc === 'host',
    pod: { sysctls: s.sysctls.map(([name]) => name) },
    containerLevel: container,
    volumes: s.mounts.map((m) => ({ name: m.source || m.target, source: m.type === 'bind' ? 'hostPath' : null })),
    // Published ports are how Docker exposes a service (its Service, in Kubernetes terms), so they are not
    // read as hostPorts: the Host Ports control guards against pods bypassing Services and network policy.
    hostPorts: [],
    probeHosts: [],
    annotations: {},
  };
}

/** `label=type:T`, `label=user:U`, `label=role:R`, `label=level:L` (`label=disable` sets none). */
function seLinux(opts: readonly SecurityOpt[]): SeLinuxFacts | undefined {
  const facts: Record<string, string> = {};
  for (const o of opts) {
    const m = o.key === 'label' ? /^(user|role|type|level):(.*)$/.exec(o.value) : null;
    if (m) facts[m[1]!] = m[2]!;
  }
  return Object.keys(facts).length ? facts : undefined;
}
