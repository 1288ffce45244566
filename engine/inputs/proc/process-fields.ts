/** Fields of a process Subject derived from more than one file, or read once per namespace. */
import type { IdMapping, LsmLabels, Maybe, SeccompState } from '../../model/subject.js';
import { isUnknown, unknown } from '../../model/subject.js';
import type { IdQuad } from '../../model/process.js';
import type { FileId } from './proc-fs.js';
import type { StatusFields } from './parse-status.js';
import { idSet } from './parse-status.js';
import { profileName, readLsm } from './read-lsm.js';
import type { ScanContext } from './scan-context.js';
import { countUnreadable } from './scan-context.js';

/** Parsed Uid:/Gid: lines by text, shared (read-only) by the processes that print the same ids. */
const quads = new Map<string | undefined, Maybe<IdQuad>>();

export function quad(value: string | undefined): Maybe<IdQuad> {
  let found = quads.get(value);
  if (!found) {
    if (quads.size >= 4096) quads.clear();
    quads.set(value, (found = idSet(value) ?? unknown('Uid/Gid are not readable in /proc/PID/status')));
  }
  return found;
}

export function seccompState(status: StatusFields): SeccompState {
  const mode = status.get('Seccomp');
  const filters = Number(status.get('Seccomp_filters'));
  switch (mode) {
    case '0': return { mode: 'disabled' };
    case '1': return { mode: 'strict' };
    case '2': return Number.isInteger(filters) ? { mode: 'filter', filters } : { mode: 'filter' };
    default: return { mode: 'unknown', reason: mode === undefined ? 'Seccomp is not in /proc/PID/status (kernel without CONFIG_SECCOMP, or unreadable)' : `Seccomp is "${mode}"` };
  }
}

type IdMaps = { uidMappings: Maybe<readonly IdMapping[]>; gidMappings: Maybe<readonly IdMapping[]> };

/** The maps are the user namespace's, so they are read once per namespace. */
export function idMaps(context: ScanContext, userNs: FileId | { failure: string }, read: (file: string) => string | { failure: string }, miss: <T>(what: string, reason: string) => Maybe<T>): IdMaps {
  const key = 'failure' in userNs ? undefined : `${userNs.dev}:${userNs.ino}`;
  const cached = key === undefined ? undefined : context.idMaps.get(key);
  if (cached) return { uidMappings: cached.uid, gidMappings: cached.gid };
  const maps = { uidMappings: idMap(read('uid_map'), miss), gidMappings: idMap(read('gid_map'), miss) };
  const { uidMappings: uid, gidMappings: gid } = maps;
  if (key !== undefined && !isUnknown(uid) && !isUnknown(gid)) context.idMaps.set(key, { uid, gid });
  return maps;
}

function idMap(text: string | { failure: string }, miss: <T>(what: string, reason: string) => Maybe<T>): Maybe<readonly IdMapping[]> {
  if (typeof text !== 'string') return miss('uid/gid map', text.failure);
  return text.split('\n').map((l) => l.trim().split(/\s+/).map(Number)).filter((f) => f.length === 3 && f.every(Number.isSafeInteger))
    .map(([inside, outside, size]) => ({ containerID: inside!, hostID: outside!, size: size! }));
}

/**
 * "Privileged" as runtimes mean it: every capability effective and no seccomp
 * filter. Derived, so it is only as known as the capabilities and seccomp are.
 */
export function privileged(effective: Maybe<readonly string[]>, lastCap: number | undefined, seccomp: SeccompState): Maybe<boolean> {
  if (isUnknown(effective)) return unknown(`the effective capabilities are unknown (${effective.reason})`);
  if (lastCap === undefined) return unknown('cap_last_cap is unreadable, so "every capability" is not known');
  if (effective.length < lastCap + 1) return false;
  if (seccomp.mode === 'unknown') return unknown(`seccomp state unknown (${seccomp.reason})`);
  return seccomp.mode === 'disabled';
}

export function lsm(context: ScanContext, dir: string): LsmLabels {
  if (!context.lsmLabels) return { apparmor: null, selinux: null };
  const labels = readLsm(context.fs, dir, context.selinux);
  for (const value of [labels.apparmor, labels.selinux]) if (isUnknown(value)) countUnreadable(context, `lsm: ${value.reason.replace(/^\S+: /, '')}`);
  return { ...labels, apparmor: typeof labels.apparmor === 'string' ? profileName(labels.apparmor) : labels.apparmor };
}
