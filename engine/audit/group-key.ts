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

/**
 * Each field as a small number: objects by identity (the scan shares one
 * object among the processes it read alike), arrays by their items' numbers,
 * other values by their JSON.
 * The key is the numbers joined, not the fields' JSON.
 */
const byObject = new WeakMap<object, number>();
const byText = new Map<string, number>();
let next = 0;

function id(value: unknown): number {
  const isObject = typeof value === 'object' && value !== null;
  let found = isObject ? byObject.get(value) : undefined;
  if (found !== undefined) return found;
  // An array (a field made of parts) by its parts' ids, so parts the scan shares are not written out again;
  // the `#` keeps these texts apart from JSON's.
  const text = Array.isArray(value) ? `[${value.map(id).join(',')}]#` : JSON.stringify(value) ?? 'undefined';
  found = byText.get(text);
  if (found === undefined) {
    if (byText.size >= 1 << 16) byText.clear(); // a long-lived agent: keep it bounded (ids stay unique: the counter runs on)
    byText.set(text, (found = next++));
  }
  if (isObject) byObject.set(value, found);
  return found;
}

export function groupKey(s: Subject): string {
  const fields = groupFields(s);
  let key = '';
  for (const name in fields) key += `${id(fields[name])},`;
  return key;
}
