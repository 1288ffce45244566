/**
 * An OCI config as a Subject. Defaults follow what runc does with a field
 * that is absent: no `process.capabilities` leaves every capability of the
 * runtime; a namespace not listed is the runtime's (the host's); no
 * `linux.seccomp` means no filter; no `process.user` means uid 0.
 */
import type { InputResult } from '../format.js';
import type { JsonDocument } from '../json-document.js';
import type { InputError } from '../../model/finding.js';
import type { CapSetName, Capabilities, Mount, Namespaces, NamespaceState, Subject } from '../../model/subject.js';
import { CAP_SETS } from '../../model/subject.js';
import { NAMESPACE_TYPES, isNamespaceType } from '../../linux/namespaces.js';
import { allCapabilities, CAPABILITY_NAMES, normaliseCapability, sortCapabilities } from '../../linux/capabilities.js';
import { hint } from '../../linux/suggest.js';
import { pointerOf } from '../../model/pointer.js';
import type { OciConfig } from './config.gen.js';
import { ociLocator } from './locate.js';

export function ociSubject(document: JsonDocument, config: OciConfig): InputResult {
  const errors: InputError[] = [];
  const complain = (pointer: string, message: string) => {
    const span = document.span(pointer);
    errors.push({ file: document.file, line: span?.line ?? null, column: span?.column ?? null, message });
  };
  const linux = config.linux ?? {};
  const otherOs = config.linux === undefined && ['windows', 'solaris', 'vm', 'freebsd', 'zos'].some((k) => k in config);
  const resources = linux.resources ?? {};
  const subject: Subject = {
    kind: 'oci',
    name: config.hostname ? `container "${config.hostname}"` : 'container',
    file: document.file,
    os: otherOs ? 'other' : 'linux',
    capabilities: capabilities(config, complain),
    namespaces: namespaces(config, complain),
    uidMappings: linux.uidMappings ?? [],
    gidMappings: linux.gidMappings ?? [],
    seccomp: linux.seccomp
      ? { mode: 'filter', profile: { format: 'oci', document: linux.seccomp, pointer: '/linux/seccomp', file: document.file, origin: document } }
      : { mode: 'disabled' },
    noNewPrivileges: config.process?.noNewPrivileges === true,
    privileged: false,
    user: { uid: config.process?.user?.uid ?? 0, gid: config.process?.user?.gid ?? 0, ...(config.process?.user?.additionalGids?.length ? { groups: config.process.user.additionalGids } : {}) },
    readOnlyRootfs: config.root?.readonly === true,
    mounts: (config.mounts ?? []).map(mount),
    devices: (linux.devices ?? []).map((d) => ({ path: d.path, type: d.type, ...(d.major !== undefined ? { major: d.major } : {}), ...(d.minor !== undefined ? { minor: d.minor } : {}) })),
    deviceRules: (resources.devices ?? []).map((r) => ({ allow: r.allow, type: r.type ?? 'a', major: r.major ?? null, minor: r.minor ?? null, access: r.access ?? 'rwm' })),
    sysctls: linux.sysctl ?? {},
    maskedPaths: linux.maskedPaths ?? null,
    readonlyPaths: linux.readonlyPaths ?? null,
    lsm: { apparmor: config.process?.apparmorProfile || null, selinux: config.process?.selinuxLabel || null },
    limits: {
      memory: positive(resources.memory?.limit),
      pids: positive(resources.pids?.limit),
      cpu: positive(resources.cpu?.quota) !== null && positive(resources.cpu?.period) !== null
        ? { quota: resources.cpu!.quota!, period: resources.cpu!.period! }
        : null,
    },
    annotations: config.annotations ?? {},
  };
  return { subjects: [{ subject, document, locate: ociLocator(config) }], errors };
}

type Complain = (pointer: string, message: string) => void;

function capabilities(config: OciConfig, complain: Complain): Capabilities {
  const written = config.process?.capabilities;
  if (!written) {
    const all = allCapabilities();
    return { bounding: all, permitted: all, effective: all, inheritable: [], ambient: [], implicit: 'process.capabilities is not set, so the container keeps every capability the runtime has' };
  }
  const sets = {} as Record<CapSetName, string[]>;
  for (const set of CAP_SETS) {
    const names: string[] = [];
    (written[set] ?? []).forEach((name, i) => {
      const canonical = normaliseCapability(name);
      if (canonical && name === canonical) names.push(canonical);
      else if (canonical) {
        names.push(canonical);
        complain(pointerOf('process', 'capabilities', set, i), `"${name}" is not how OCI configs name capabilities; write "${canonical}"`);
      } else complain(pointerOf('process', 'capabilities', set, i), `"${name}" is not a capability${hint(name.toUpperCase().startsWith('CAP_') ? name : `CAP_${name}`, CAPABILITY_NAMES)}`);
    });
    sets[set] = sortCapabilities(names);
  }
  return sets;
}

function namespaces(config: OciConfig, complain: Complain): Namespaces {
  const result = Object.fromEntries(NAMESPACE_TYPES.map((t) => [t, { state: 'host' } as NamespaceState])) as Record<string, NamespaceState>;
  (config.linux?.namespaces ?? []).forEach((ns, i) => {
    if (!isNamespaceType(ns.type)) {
      complain(pointerOf('linux', 'namespaces', i, 'type'), `"${ns.type}" is not a namespace type${hint(ns.type, NAMESPACE_TYPES)}`);
      return;
    }
    result[ns.type] = ns.path ? { state: 'joined', path: ns.path } : { state: 'isolated' };
  });
  return result as Namespaces;
}

function mount(m: NonNullable<OciConfig['mounts']>[number]): Mount {
  const options = m.options ?? [];
  return {
    destination: m.destination,
    source: m.source ?? '',
    type: m.type ?? '',
    options,
    bind: m.type === 'bind' || options.includes('bind') || options.includes('rbind'),
    readOnly: options.includes('ro'),
  };
}

function positive(value: number | undefined): number | null {
  return value !== undefined && value > 0 ? value : null;
}
