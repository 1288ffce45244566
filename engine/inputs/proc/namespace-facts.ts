/**
 * A process's namespaces as the scan needs them (ids, shared or isolated
 * against the reference, inodes), worked out once per distinct set of
 * namespace links: thousands of processes share a handful of sets.
 *
 * Each link is read with readlink (`net:[4026531840]`, the same access check
 * as stat, and far cheaper) and stat'ed only the first time its text appears:
 * the text names one nsfs inode, so every process showing it shares the
 * (dev, inode) that stat returned for it.
 */
import type { Namespaces } from '../../model/subject.js';
import type { NamespaceType } from '../../linux/namespaces.js';
import { NAMESPACE_TYPES, PROC_NS_FILE } from '../../linux/namespaces.js';
import type { FileId } from './proc-fs.js';
import { readFailure } from './proc-fs.js';
import type { NamespaceIds } from './read-namespaces.js';
import { compareNamespaces, namespaceInodes } from './read-namespaces.js';
import type { ScanContext } from './scan-context.js';
import { countUnreadable } from './scan-context.js';

export interface NamespaceFacts {
  readonly ids: NamespaceIds;
  readonly namespaces: Namespaces;
  readonly inodes: Readonly<Record<NamespaceType, number | null>>;
  /** Reasons counted for every process with these links. */
  readonly unreadable: readonly string[];
}

export function namespaceFacts(context: ScanContext, pid: number): NamespaceFacts {
  const dir = `${context.roots.proc}/${pid}/ns/`;
  const links = NAMESPACE_TYPES.map((type) => {
    try {
      return context.fs.readlink(dir + PROC_NS_FILE[type]);
    } catch (error) {
      return { failure: readFailure(error) };
    }
  });
  const key = links.map((l) => (typeof l === 'string' ? l : `\0${l.failure}`));
  let facts = context.namespaceFacts.get(key);
  if (!facts) {
    let settled = true;
    const ids = {} as Record<NamespaceType, FileId | { failure: string }>;
    NAMESPACE_TYPES.forEach((type, i) => {
      const link = links[i]!;
      if (typeof link !== 'string') return void (ids[type] = link);
      let id = context.namespaceIds.get(link);
      try {
        if (!id) context.namespaceIds.set(link, (id = context.fs.id(dir + PROC_NS_FILE[type])));
        ids[type] = id;
      } catch (error) {
        ids[type] = { failure: readFailure(error) };
        settled = false; // the link was read but the namespace could not be: true of this process, not of its link
      }
    });
    const namespaces = compareNamespaces(ids, context.reference.ids, context.reference.pid);
    const unreadable = Object.values(namespaces).flatMap((ns) => (ns.state === 'unknown' ? [`namespaces: ${ns.reason.replace(/^.*: /, '')}`] : []));
    facts = { ids, namespaces, inodes: namespaceInodes(ids), unreadable };
    if (settled) context.namespaceFacts.set(key, facts);
  }
  for (const reason of facts.unreadable) countUnreadable(context, reason);
  return facts;
}
