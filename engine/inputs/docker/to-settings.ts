/** One `docker inspect` container object → Docker settings, and where each field is. */
import type { DockerField, DockerMount, DockerSettings } from '../docker-like/settings.js';
import type { PlaceField } from '../docker-like/locate.js';
import { join } from '../../model/pointer.js';
import { isRecord } from '../kubernetes/workloads.js';

type Problem = (pointer: string, message: string) => void;

const HOST: Partial<Record<DockerField, string>> = {
  capAdd: 'CapAdd', capDrop: 'CapDrop', privileged: 'Privileged', pid: 'PidMode', ipc: 'IpcMode', network: 'NetworkMode', uts: 'UTSMode',
  userns: 'UsernsMode', cgroup: 'CgroupnsMode', securityOpt: 'SecurityOpt', readOnly: 'ReadonlyRootfs', groupAdd: 'GroupAdd', devices: 'Devices', sysctls: 'Sysctls',
  memory: 'Memory', pids: 'PidsLimit',
};

export function inspectSettings(c: Record<string, unknown>, base: string, problem: Problem): { settings: DockerSettings; place: PlaceField } {
  const h = c.HostConfig as Record<string, unknown>;
  const config = isRecord(c.Config) ? c.Config : {};
  const strings = (key: string): string[] => {
    const v = h[key];
    if (v == null) return [];
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
    problem(join(base, 'HostConfig', key), `HostConfig.${key} must be a list of strings`);
    return [];
  };
  const text = (key: string) => (typeof h[key] === 'string' && h[key] !== '' ? (h[key] as string) : undefined);
  const positive = (key: string) => (typeof h[key] === 'number' && (h[key] as number) > 0 ? (h[key] as number) : null);
  const binds = strings('Binds');
  const long = Array.isArray(h.Mounts) ? h.Mounts.filter(isRecord) : [];
  const mounts: DockerMount[] = [
    ...binds.map((b): DockerMount => {
      const [source = '', target = '', mode = ''] = b.split(':');
      return { type: source.startsWith('/') ? 'bind' : 'volume', source, target, readOnly: mode.split(',').includes('ro') };
    }),
    ...long.map((m): DockerMount => ({
      type: m.Type === 'bind' || m.Type === 'volume' || m.Type === 'tmpfs' ? m.Type : 'other',
      source: typeof m.Source === 'string' ? m.Source : '', target: typeof m.Target === 'string' ? m.Target : '', readOnly: m.ReadOnly === true,
    })),
  ];
  const sysctls = isRecord(h.Sysctls) ? Object.entries(h.Sysctls).map(([n, v]) => [n, String(v)] as const) : [];
  const nano = positive('NanoCpus');
  const quota = positive('CpuQuota');
  const name = typeof c.Name === 'string' ? c.Name.replace(/^\//, '') : typeof c.Id === 'string' ? c.Id.slice(0, 12) : '(unnamed)';
  const labels = isRecord(config.Labels) ? Object.fromEntries(Object.entries(config.Labels).map(([k, v]) => [k, String(v)])) : {};
  const settings: DockerSettings = {
    kind: 'docker',
    name: `container "${name}"`,
    capAdd: strings('CapAdd'),
    capDrop: strings('CapDrop'),
    privileged: h.Privileged === true,
    modes: Object.fromEntries((['pid', 'ipc', 'network', 'uts', 'userns', 'cgroup'] as const).flatMap((k) => (text(HOST[k]!) ? [[k, text(HOST[k]!)]] : []))),
    securityOpt: strings('SecurityOpt'),
    readOnly: h.ReadonlyRootfs === true,
    ...(typeof config.User === 'string' && config.User !== '' ? { user: config.User } : {}),
    groupAdd: strings('GroupAdd'),
    devices: (Array.isArray(h.Devices) ? h.Devices.filter(isRecord) : []).map((d) => ({ host: String(d.PathOnHost ?? ''), container: String(d.PathInContainer ?? '') })),
    mounts,
    sysctls,
    memory: positive('Memory'),
    pids: positive('PidsLimit'),
    cpu: nano !== null ? { quota: Math.round(nano / 10_000), period: 100_000 } : quota !== null ? { quota, period: positive('CpuPeriod') ?? 100_000 } : null,
    labels,
    ...(typeof c.AppArmorProfile === 'string' ? { appliedAppArmor: c.AppArmorProfile } : {}),
    seccompProfile: (value, index) => {
      if (!value.trimStart().startsWith('{')) return { mode: 'filter' };
      try {
        return { mode: 'filter', profile: { format: 'docker', document: JSON.parse(value), pointer: join(base, 'HostConfig', 'SecurityOpt', index), file: null } };
      } catch {
        problem(join(base, 'HostConfig', 'SecurityOpt', index), 'the inline seccomp profile is not valid JSON');
        return { mode: 'unknown', reason: 'the inline seccomp profile is not valid JSON' };
      }
    },
  };
  const place: PlaceField = (field, item) => {
    if (field === 'service') return base;
    if (field === 'user') return join(base, 'Config', 'User');
    if (field === 'labels') return item === undefined ? join(base, 'Config', 'Labels') : join(base, 'Config', 'Labels', String(item));
    if (field === 'apparmor') return join(base, 'AppArmorProfile');
    if (field === 'cpu') return join(base, 'HostConfig', quota !== null && nano === null ? 'CpuQuota' : 'NanoCpus');
    if (field === 'mounts') {
      const i = item === undefined ? -1 : Number(item);
      return i < 0 ? join(base, 'HostConfig', 'Binds') : i < binds.length ? join(base, 'HostConfig', 'Binds', i) : join(base, 'HostConfig', 'Mounts', i - binds.length);
    }
    if (field === 'sysctls' && item !== undefined) return join(base, 'HostConfig', 'Sysctls', sysctls[Number(item)]?.[0] ?? '');
    const key = HOST[field];
    return key === undefined ? base : item === undefined ? join(base, 'HostConfig', key) : join(base, 'HostConfig', key, item);
  };
  return { settings, place };
}
