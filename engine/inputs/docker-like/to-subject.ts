/** Docker settings → a Subject, with Docker's defaults where the input is silent. */
import type { Mount, NamespaceState, Namespaces, SeccompState, Subject } from '../../model/subject.js';
import { unknown } from '../../model/subject.js';
import { effectiveCapabilities } from '../cap-arithmetic.js';
import type { BadCapability } from '../cap-arithmetic.js';
import type { DockerSettings, SecurityOpt } from './settings.js';
import { findOpt, parseSecurityOpts } from './settings.js';
import { dockerPodFacts, parseUser } from './pod-facts.js';

export function dockerSubject(s: DockerSettings, file: string): { subject: Subject; badCaps: BadCapability[] } {
  const opts = parseSecurityOpts(s.securityOpt);
  const uid = parseUser(s.user);
  const { capabilities, bad } = effectiveCapabilities({ add: s.capAdd, drop: s.capDrop }, s.privileged, typeof uid === 'number' && uid !== 0, 'moby');
  const nnp = findOpt(opts, 'no-new-privileges');
  const label = opts.filter((o) => o.key === 'label');
  const subject: Subject = {
    kind: s.kind,
    name: s.name,
    file,
    os: 'linux',
    capabilities,
    namespaces: namespaces(s),
    uidMappings: [],
    gidMappings: [],
    seccomp: seccomp(s, opts),
    noNewPrivileges: nnp !== undefined && nnp.value !== 'false',
    privileged: s.privileged,
    user: { uid: uid ?? unknown('set by the image'), gid: parseUser(s.user, 1) ?? unknown('set by the image'), ...groups(s.groupAdd) },
    readOnlyRootfs: s.readOnly,
    mounts: s.mounts.map(toMount),
    devices: s.devices.map((d) => ({ path: d.host, type: 'c' })),
    deviceRules: s.privileged ? [{ allow: true, type: 'a', major: null, minor: null, access: 'rwm' }] : [],
    sysctls: Object.fromEntries(s.sysctls),
    // Privileged, or `systempaths=unconfined`: /proc and /sys are neither masked nor read-only.
    maskedPaths: s.privileged || findOpt(opts, 'systempaths')?.value === 'unconfined' ? [] : unknown('the runtime\'s defaults apply'),
    readonlyPaths: s.privileged || findOpt(opts, 'systempaths')?.value === 'unconfined' ? [] : unknown('the runtime\'s defaults apply'),
    lsm: {
      apparmor: s.privileged ? 'unconfined' : findOpt(opts, 'apparmor')?.value ?? (s.appliedAppArmor || 'docker-default'),
      selinux: label.length ? label.map((o) => o.value).join(',') : null,
    },
    limits: { memory: s.memory, pids: s.pids, cpu: s.cpu },
    annotations: s.labels,
    podSecurity: dockerPodFacts(s, opts, uid),
  };
  return { subject, badCaps: bad };
}

/** The numeric (or root) entries of group_add / GroupAdd; other names are the image's to resolve. */
function groups(written: readonly string[]): { groups?: readonly number[] } {
  const gids = written.map((g) => parseUser(g)).filter((g): g is number => g !== undefined);
  return gids.length ? { groups: gids } : {};
}

function mode(value: string | undefined, isolated: NamespaceState = { state: 'isolated' }): NamespaceState {
  if (value === undefined || value === '') return isolated;
  if (value === 'host') return { state: 'host' };
  const join = /^(container|service):(.+)$/.exec(value);
  return join ? { state: 'joined', path: value } : { state: 'isolated' };
}

function namespaces(s: DockerSettings): Namespaces {
  return {
    pid: mode(s.modes.pid),
    network: mode(s.modes.network),
    ipc: mode(s.modes.ipc),
    uts: mode(s.modes.uts),
    mount: { state: 'isolated' },
    cgroup: mode(s.modes.cgroup),
    // Docker runs without a user namespace unless the daemon remaps (userns-remap) or the config asks.
    user: s.modes.userns === undefined || s.modes.userns === 'host' || s.modes.userns === '' ? { state: 'host' } : { state: 'isolated' },
    time: { state: 'host' },
  };
}

function seccomp(s: DockerSettings, opts: readonly SecurityOpt[]): SeccompState {
  if (s.privileged) return { mode: 'disabled' };
  const opt = findOpt(opts, 'seccomp');
  if (!opt) return { mode: 'runtime-default' };
  if (opt.value === 'unconfined') return { mode: 'unconfined' };
  return s.seccompProfile(opt.value, opt.index);
}

function toMount(m: DockerSettings['mounts'][number]): Mount {
  return {
    destination: m.target,
    source: m.source,
    type: m.type === 'other' ? '' : m.type,
    options: m.readOnly ? ['ro'] : [],
    bind: m.type === 'bind',
    readOnly: m.readOnly,
  };
}
