/**
 * A config that joins a namespace by path (`/proc/1234/ns/net`, a pod's
 * pause container) declares one particular namespace; to compare a live
 * process with it, the path is resolved here, on this host, to its inode.
 */
import { statSync } from 'node:fs';
import type { NamespaceState, Subject } from '../model/subject.js';
import { NAMESPACE_TYPES } from '../linux/namespaces.js';
import type { NamespaceType } from '../linux/namespaces.js';

export type Stat = (path: string) => { ino: number };

export function resolveJoined(declared: Subject, stat: Stat = (p) => statSync(p)): Subject {
  if (!NAMESPACE_TYPES.some((t) => declared.namespaces[t].state === 'joined')) return declared;
  const namespaces = {} as Record<NamespaceType, NamespaceState>;
  for (const type of NAMESPACE_TYPES) {
    const ns = declared.namespaces[type];
    if (ns.state !== 'joined') {
      namespaces[type] = ns;
      continue;
    }
    try {
      namespaces[type] = { ...ns, inode: stat(ns.path).ino };
    } catch (error) {
      namespaces[type] = { ...ns, unresolved: `${ns.path} cannot be resolved on this host (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
    }
  }
  return { ...declared, namespaces };
}
