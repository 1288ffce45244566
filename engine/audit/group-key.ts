/**
 * What makes two live processes the same for an audit: the same container,
 * credentials, capability sets, namespaces, seccomp filters (by the hash of
 * the dumped programs), no_new_privs, LSM labels and cgroups. Processes with
 * one key get the same findings, so they are judged once, as a group.
 */
import type { Subject } from '../model/subject.js';
import { isUnknown } from '../model/subject.js';

/** The fields of the key, by name, so a test can change one at a time. */
export function groupFields(s: Subject): Readonly<Record<string, unknown>> {
  const p = s.process;
  const threads = p?.threads;
  return {
    container: s.container ? `${s.container.runtime}/${s.container.id}` : null,
    credentials: [p?.uids, p?.gids],
    capabilities: p?.capabilityMasks ?? s.capabilities,
    namespaces: p?.namespaceInodes ?? s.namespaces,
    seccomp: [s.seccomp.mode, s.seccomp.mode === 'filter' ? s.seccomp.filters : null, p?.filterHash ?? null, unknownReason(p?.reachableSyscalls)],
    noNewPrivileges: s.noNewPrivileges,
    lsm: [s.lsm.apparmor, s.lsm.selinux],
    cgroup: p?.cgroups,
    // A process whose threads diverge is reported for it; it does not share that with others.
    threads: threads === undefined || isUnknown(threads) || threads.length === 0 ? threads ?? null : p!.pid,
  };
}

function unknownReason(value: unknown): string | null {
  return isUnknown(value) ? value.reason : null;
}

/** JSON of the key's object fields, by identity: the scan shares one object among the processes it read alike. */
const written = new WeakMap<object, string>();

function part(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'undefined';
  let text = written.get(value);
  if (text === undefined) written.set(value, (text = JSON.stringify(value)));
  return text;
}

/** The fields' JSON joined by a control character, which JSON always escapes. */
export function groupKey(s: Subject): string {
  const fields = groupFields(s);
  let key = '';
  for (const name in fields) key += `${part(fields[name])}\u0001`;
  return key;
}
