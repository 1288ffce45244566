/**
 * Namespaces and cgroup limits asked for: the profile's `namespaces`
 * ("isolated") and `limits` (each `max` is the value set), then the flags
 * --unshare, --map-root-user, --map-user, --mount-proc, --hostname, --cpus,
 * --memory and --pids over them. A flag may add a namespace or tighten a
 * limit; a limit above the profile's max would launch what the profile
 * rejects, so it is refused.
 */
import { CaplintError, UsageError } from '../errors.js';
import { hint } from '../linux/suggest.js';
import { NAMESPACE_KINDS } from '../../enforcer/isolation-plan.js';
import type { NamespaceKind } from '../../enforcer/isolation-plan.js';
import { parseQuantity } from '../policy/quantity.js';
import type { RunProfile } from './run-profile.js';
import { inRange, parseIdRanges } from './id-ranges.js';
import type { IdRanges } from './id-ranges.js';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';

export interface CgroupLimits {
  /** CPUs (0.2 = a fifth of one CPU). */
  readonly cpu?: number;
  /** Bytes. */
  readonly memory?: number;
  readonly pids?: number;
}

export interface IsolationRequest {
  readonly namespaces: readonly NamespaceKind[];
  /** The ids inside a user namespace the command runs as (root unless --map-user). */
  readonly mapTo: { readonly uid: number; readonly gid: number } | null;
  /** --map-users: ranges mapped instead of the caller alone (then the command switches to mapTo inside). */
  readonly ranges: IdRanges | null;
  readonly mountProc: boolean;
  readonly hostname: string | null;
  readonly limits: CgroupLimits;
  /** The profile's filesystem view (needs a mount namespace). */
  readonly filesystem: { readonly readOnlyRoot: boolean; readonly maskedPaths: readonly string[]; readonly readonlyPaths: readonly string[] };
  /** With a new pid namespace: caplint's minimal init as PID 1 (false: the command is PID 1). */
  readonly init: boolean;
  /** Namespaces the profile requires that caplint run cannot create (time). */
  readonly unsupported: readonly string[];
}

export interface IsolationFlags {
  readonly unshare: readonly string[];
  readonly mapRootUser: boolean;
  readonly mapUser?: string;
  /** INSIDE:OUTSIDE:COUNT or auto (/etc/subuid, /etc/subgid). */
  readonly mapUsers?: string;
  readonly mountProc: boolean;
  readonly hostname?: string;
  readonly cpus?: string;
  readonly memory?: string;
  readonly pids?: string;
  /** --no-init: the command itself is PID 1 of a new pid namespace. */
  readonly noInit?: boolean;
}

/** Profile spelling (OCI) to flag spelling. */
const FROM_PROFILE: Readonly<Record<string, NamespaceKind | undefined>> = {
  user: 'user', pid: 'pid', mount: 'mount', network: 'net', ipc: 'ipc', uts: 'uts', cgroup: 'cgroup',
};
const ALIASES: Readonly<Record<string, NamespaceKind>> = { mnt: 'mount', network: 'net' };

function unshareList(values: readonly string[]): NamespaceKind[] {
  return values.flatMap((v) => v.split(',')).filter(Boolean).map((word) => {
    const name = ALIASES[word] ?? word;
    if ((NAMESPACE_KINDS as readonly string[]).includes(name)) return name as NamespaceKind;
    throw new UsageError(`--unshare "${word}" is not a namespace caplint run creates (${NAMESPACE_KINDS.join(', ')})${hint(word, [...NAMESPACE_KINDS])}`);
  });
}

function mapUser(value: string): { uid: number; gid: number } {
  const m = /^(\d+):(\d+)$/.exec(value);
  const ids = m ? [Number(m[1]), Number(m[2])] : [];
  if (!m || ids.some((id) => id > 0xfffffffe)) throw new UsageError(`--map-user "${value}" is not UID:GID (for example 1000:1000)`);
  return { uid: ids[0]!, gid: ids[1]! };
}

function flagLimit(kind: 'cpu' | 'memory' | 'pids', flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = parseQuantity(kind, value);
  if (n === null || (kind === 'pids' && !Number.isInteger(n)))
    throw new UsageError(`--${flag} "${value}" is not ${kind === 'memory' ? 'a size such as 256Mi or 1G' : kind === 'pids' ? 'a whole number of processes' : 'a number of CPUs such as 0.5'}`);
  return n;
}

function profileLimits(profile: RunProfile | undefined): CgroupLimits {
  const out: Record<string, number> = {};
  for (const [kind, req] of Object.entries(profile?.limits ?? {}) as [string, { required: boolean; max?: number | string } | undefined][]) {
    if (!req?.required) continue;
    const place = profile!.place('limits');
    if (req.max === undefined)
      throw new CaplintError(`limits.${kind} is required but has no max, so caplint run has no value to set (add "max")`, place);
    const n = parseQuantity(kind as 'cpu' | 'memory' | 'pids', req.max);
    if (n === null) throw new CaplintError(`limits.${kind}.max "${req.max}" is not a valid bound`, place);
    out[kind] = n;
  }
  return out;
}

function readIfExists(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** The caller as /etc/subuid names it: by name, or by uid. */
function callerNames(): string[] {
  const uid = String(process.getuid?.() ?? '');
  try {
    return [userInfo().username, uid];
  } catch {
    return [uid];
  }
}

export function isolationIntent(profile: RunProfile | undefined, flags: IsolationFlags, read: (file: string) => string | null = readIfExists): IsolationRequest {
  const wanted = new Set<NamespaceKind>();
  const unsupported: string[] = [];
  for (const [name, requirement] of Object.entries(profile?.namespaces ?? {}) as [string, string | undefined][]) {
    if (requirement !== 'isolated') continue;
    const kind = FROM_PROFILE[name];
    if (kind) wanted.add(kind);
    else unsupported.push(name);
  }
  for (const kind of unshareList(flags.unshare)) wanted.add(kind);
  if (flags.mapRootUser && flags.mapUser !== undefined) throw new UsageError('--map-root-user and --map-user exclude each other');
  const mapped = flags.mapUser !== undefined ? mapUser(flags.mapUser) : null;
  if (flags.mapRootUser && flags.mapUsers !== undefined) throw new UsageError('--map-root-user maps the caller alone and --map-users a range: give one of them');
  const ranges = flags.mapUsers !== undefined ? parseIdRanges(flags.mapUsers, callerNames(), read) : null;
  const to = mapped ?? { uid: 0, gid: 0 };
  if (ranges && !(inRange(to.uid, ranges.uid) && inRange(to.gid, ranges.gid)))
    throw new UsageError(`the command's ids ${to.uid}:${to.gid} are outside the ranges --map-users maps (uids from ${ranges.uid.inside}, ${ranges.uid.count} of them; gids from ${ranges.gid.inside}, ${ranges.gid.count})`);
  if (flags.mapRootUser || mapped || ranges) wanted.add('user');
  if (flags.mountProc) wanted.add('mount');
  if (flags.hostname !== undefined) {
    if (!/^[A-Za-z0-9]([A-Za-z0-9.-]{0,62})$/.test(flags.hostname)) throw new UsageError(`--hostname "${flags.hostname}" is not a host name (letters, digits, dots and dashes, at most 64)`);
    wanted.add('uts');
  }
  if (flags.noInit && !wanted.has('pid')) throw new UsageError('--no-init makes the command PID 1 of a new pid namespace, and this launch creates none (add pid to --unshare)');
  const fromProfile = profileLimits(profile);
  const limits: Record<string, number> = { ...fromProfile };
  for (const [kind, flag] of [['cpu', 'cpus'], ['memory', 'memory'], ['pids', 'pids']] as const) {
    const n = flagLimit(kind, flag, flags[flag]);
    if (n === undefined) continue;
    const max = fromProfile[kind];
    if (max !== undefined && n > max) throw new UsageError(`--${flag} ${flags[flag]} is above the profile's limits.${kind}.max, which caplint audit would then reject`);
    limits[kind] = n;
  }
  return {
    namespaces: NAMESPACE_KINDS.filter((k) => wanted.has(k)),
    mapTo: wanted.has('user') ? to : null,
    ranges,
    mountProc: flags.mountProc,
    hostname: flags.hostname ?? null,
    limits,
    filesystem: {
      readOnlyRoot: profile?.filesystem.readOnlyRootfs === true,
      maskedPaths: profile?.filesystem.maskedPaths ?? [],
      readonlyPaths: profile?.filesystem.readonlyPaths ?? [],
    },
    init: flags.noInit !== true && (profile?.init ?? true),
    unsupported,
  };
}
