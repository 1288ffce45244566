/**
 * Namespace membership: stat(/proc/PID/ns/T) following the link gives the
 * namespace's (dev, inode); equal to the reference process's means shared
 * (`host`), different means `isolated`, unreadable means `unknown`.
 * (A scan reads links instead: see namespace-facts.ts.)
 */
import type { Namespaces, NamespaceState } from '../../model/subject.js';
import { NAMESPACE_TYPES, PROC_NS_FILE } from '../../linux/namespaces.js';
import type { NamespaceType } from '../../linux/namespaces.js';
import type { FileId, ProcFs } from './proc-fs.js';
import { readFailure } from './proc-fs.js';

/** Per type: the namespace's id, or why it could not be read. */
export type NamespaceIds = Readonly<Record<NamespaceType, FileId | { readonly failure: string }>>;

/** Stats each ns link (for the reference process); whether the process vanished meanwhile is the caller's to decide. */
export function readNamespaceIds(fs: ProcFs, procRoot: string, pid: number): NamespaceIds {
  const ids = {} as Record<NamespaceType, FileId | { failure: string }>;
  for (const type of NAMESPACE_TYPES) {
    try {
      ids[type] = fs.id(`${procRoot}/${pid}/ns/${PROC_NS_FILE[type]}`);
    } catch (error) {
      ids[type] = { failure: readFailure(error) };
    }
  }
  return ids;
}

export function compareNamespaces(own: NamespaceIds, reference: NamespaceIds, referencePid: number): Namespaces {
  const result = {} as Record<NamespaceType, NamespaceState>;
  for (const type of NAMESPACE_TYPES) {
    const mine = own[type];
    const theirs = reference[type];
    if ('failure' in mine) result[type] = { state: 'unknown', reason: `/proc/PID/ns/${PROC_NS_FILE[type]}: ${mine.failure}` };
    else if ('failure' in theirs) result[type] = { state: 'unknown', reason: `the reference process ${referencePid}'s ns/${PROC_NS_FILE[type]}: ${theirs.failure}` };
    else result[type] = mine.dev === theirs.dev && mine.ino === theirs.ino ? { state: 'host' } : { state: 'isolated' };
  }
  return result;
}

/** Inode numbers by type (as lsns prints them), null where unreadable. */
export function namespaceInodes(ids: NamespaceIds): Record<NamespaceType, number | null> {
  return Object.fromEntries(NAMESPACE_TYPES.map((t) => {
    const id = ids[t];
    return [t, 'failure' in id ? null : id.ino];
  })) as Record<NamespaceType, number | null>;
}
