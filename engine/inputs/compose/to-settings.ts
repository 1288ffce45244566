/** One resolved compose service → Docker settings, and where each field is written. */
import { dirname, resolve } from 'node:path';
import type { DockerField, DockerSettings } from '../docker-like/settings.js';
import type { PlaceField } from '../docker-like/locate.js';
import { join } from '../../model/pointer.js';
import { unknown } from '../../model/subject.js';
import { isRecord } from '../kubernetes/workloads.js';
import { readSeccompProfile } from '../read-profile.js';
import type { ResolvedService } from './extends.js';
import { itemPointer } from './extends.js';
import { composeDevice, composeVolume } from './volumes.js';
import { parseBytes, parseCpus } from './units.js';
import { composeLabels } from './labels.js';

type Problem = (pointer: string, message: string) => void;

const KEY: Readonly<Record<DockerField, string>> = {
  service: '', capAdd: 'cap_add', capDrop: 'cap_drop', privileged: 'privileged', pid: 'pid', ipc: 'ipc', network: 'network_mode', uts: 'uts',
  userns: 'userns_mode', cgroup: 'cgroup', securityOpt: 'security_opt', readOnly: 'read_only', user: 'user', groupAdd: 'group_add', devices: 'devices', mounts: 'volumes',
  sysctls: 'sysctls', memory: 'mem_limit', pids: 'pids_limit', cpu: 'cpus', labels: 'labels', apparmor: '',
};

export function composeSettings(name: string, svc: ResolvedService, file: string, cwd: string, problem: Problem): { settings: DockerSettings; place: PlaceField } {
  const v = svc.value;
  const at = (key: string, item?: number) => {
    const o = svc.origin.get(key);
    if (Array.isArray(o)) return (item !== undefined ? itemPointer(o, item) : o[0]?.at) ?? join('/services', name, key);
    return typeof o === 'string' ? o : join('/services', name, key);
  };
  const strings = (key: string): string[] => {
    const list = v[key];
    if (list === undefined) return [];
    if (Array.isArray(list) && list.every((x) => typeof x === 'string')) return list as string[];
    problem(at(key), `service "${name}": ${key} must be a list of strings`);
    return [];
  };
  const text = (key: string): string | undefined => (typeof v[key] === 'string' || typeof v[key] === 'number' ? String(v[key]) : undefined);
  const limits = isRecord(v.deploy) && isRecord(v.deploy.resources) && isRecord(v.deploy.resources.limits) ? v.deploy.resources.limits : {};
  const limitKey = (own: string, deploy: string) => (v[own] !== undefined ? own : limits[deploy] !== undefined ? `deploy.resources.limits.${deploy}` : own);
  const keys = { memory: limitKey('mem_limit', 'memory'), pids: limitKey('pids_limit', 'pids'), cpu: limitKey('cpus', 'cpus') };
  const raw = (key: string) => (key.startsWith('deploy.') ? limits[key.split('.').at(-1)!] : v[key]);
  const memory = raw(keys.memory);
  const pids = raw(keys.pids);
  const cpus = raw(keys.cpu);
  const sysctls = sysctlEntries(v.sysctls);
  const labels = composeLabels(v, at);
  const base = file === '<stdin>' ? cwd : dirname(resolve(cwd, file));
  const settings: DockerSettings = {
    kind: 'compose',
    name: `service "${name}"`,
    capAdd: strings('cap_add'),
    capDrop: strings('cap_drop'),
    privileged: v.privileged === true,
    modes: { pid: text('pid'), ipc: text('ipc'), network: text('network_mode'), uts: text('uts'), userns: text('userns_mode'), cgroup: text('cgroup') } as DockerSettings['modes'],
    securityOpt: strings('security_opt'),
    readOnly: v.read_only === true,
    ...(text('user') !== undefined ? { user: text('user')! } : {}),
    groupAdd: Array.isArray(v.group_add) ? v.group_add.filter((g) => typeof g === 'string' || typeof g === 'number').map(String) : [],
    devices: (Array.isArray(v.devices) ? v.devices : []).map(composeDevice).map((d) => d ?? { host: '', container: '' }),
    mounts: (Array.isArray(v.volumes) ? v.volumes : []).map(composeVolume).map((m) => m ?? { type: 'other' as const, source: '', target: '', readOnly: false }),
    sysctls: sysctls.map(([n, value]) => [n, value] as const),
    memory: memory === undefined ? null : parseBytes(memory) ?? unknown(`"${String(memory)}" is not a size`),
    pids: pids === undefined ? null : typeof pids === 'number' && pids > 0 ? pids : null,
    cpu: cpus === undefined ? null : ((c) => (c === undefined ? unknown(`"${String(cpus)}" is not a CPU count`) : c > 0 ? { quota: Math.round(c * 100_000), period: 100_000 } : null))(parseCpus(cpus)),
    labels: labels.values,
    seccompProfile: (value, index) => {
      const read = readSeccompProfile(base, value, value);
      if (read.error) problem(at('security_opt', index), `service "${name}": ${read.error}`);
      return read.state;
    },
  };
  const place: PlaceField = (field, item) => {
    if (field === 'service' || field === 'apparmor') return join('/services', name);
    if (field === 'labels') return labels.places.get(String(item)) ?? at('labels');
    if (field === 'memory' || field === 'pids' || field === 'cpu') return keys[field].startsWith('deploy.') ? join('/services', name, ...keys[field].split('.')) : at(keys[field]);
    if (field === 'sysctls' && item !== undefined) return Array.isArray(v.sysctls) ? at('sysctls', Number(item)) : join(at('sysctls'), sysctls[Number(item)]?.[0] ?? '');
    return at(KEY[field], typeof item === 'number' ? item : item === undefined ? undefined : Number(item));
  };
  return { settings, place };
}

/** `sysctls` as a map or a list of `name=value`. */
function sysctlEntries(value: unknown): [string, string][] {
  if (Array.isArray(value)) return value.map((e) => String(e).split('=')).map(([n = '', ...rest]) => [n.trim(), rest.join('=').trim()]);
  if (isRecord(value)) return Object.entries(value).map(([n, x]) => [n, String(x)]);
  return [];
}
