/** The per-scan context: cap_last_cap, cgroup mounts, the reference process's namespaces, caches. */
import type { ProcFs, ProcRoots } from './proc-fs.js';
import { errnoOf, readFailure } from './proc-fs.js';
import { readNamespaceIds } from './read-namespaces.js';
import { LimitReader } from './read-limits.js';
import { cgroupHierarchies } from './cgroup-hierarchies.js';
import { parseMountInfo } from './parse-mountinfo.js';
import { parseLastCap } from './read-capabilities.js';
import type { ScanContext } from './scan-context.js';
import { countUnreadable } from './scan-context.js';
import { ContainerIndex } from './identify-container.js';
import { TextTrie } from './text-trie.js';

export function createContext(fs: ProcFs, roots: ProcRoots, requested: number | undefined): ScanContext {
  const unreadable = new Map<string, number>();
  let lastCapText: string | undefined;
  try {
    lastCapText = fs.read(`${roots.proc}/sys/kernel/cap_last_cap`);
  } catch (error) {
    unreadable.set(`cap_last_cap: ${readFailure(error)}`, 1);
  }
  let mounts: ReturnType<typeof parseMountInfo> = [];
  try {
    mounts = parseMountInfo(fs.read(`${roots.proc}/self/mountinfo`));
  } catch (error) {
    unreadable.set(`the reader's own mountinfo (cgroup mounts): ${readFailure(error)}`, 1);
  }
  const hierarchies = cgroupHierarchies(mounts, roots.sys);
  const context: ScanContext = {
    fs, roots, hierarchies, unreadable,
    lastCap: parseLastCap(lastCapText),
    reference: chooseReference(fs, roots.proc, requested),
    limits: new LimitReader(fs, hierarchies),
    mountViews: new Map(),
    selinux: mounts.some((m) => m.fsType === 'selinuxfs'),
    lsmLabels: lsmLabels(fs, roots.proc),
    idMaps: new Map(),
    deviceRules: new Map(),
    cgroupFacts: new Map(),
    namespaceIds: new Map(),
    namespaceFacts: new TextTrie(),
    containers: new ContainerIndex(fs, roots.proc),
    hostMounts: mounts,
    launchers: new Map(),
    shared: new TextTrie(),
  };
  for (const id of Object.values(context.reference.ids)) if ('failure' in id) countUnreadable(context, `reference namespaces: ${id.failure}`);
  return context;
}

/**
 * The reference is PID 1 unless asked otherwise. When PID 1's namespaces are
 * unreadable (a ptrace check on a more privileged init), kthreadd (PID 2)
 * stands in: kernel threads always live in the initial namespaces.
 */
function chooseReference(fs: ProcFs, procRoot: string, requested: number | undefined): ScanContext['reference'] {
  const pid = requested ?? 1;
  const ids = readNamespaceIds(fs, procRoot, pid);
  const failed = Object.values(ids).filter((id) => 'failure' in id);
  if (failed.length === 0) return { pid, ids, notes: [] };
  const reason = 'failure' in failed[0]! ? failed[0].failure : '';
  const unreadable = [`the reference process ${pid}'s namespaces are unreadable (${reason}), so no namespace can be called shared or isolated`];
  if (requested !== undefined) return { pid, ids, notes: unreadable };
  const kthreadd = readNamespaceIds(fs, procRoot, 2);
  if (Object.values(kthreadd).some((id) => 'failure' in id)) return { pid, ids, notes: unreadable };
  return { pid: 2, ids: kthreadd, notes: [`PID 1's namespaces are unreadable (${reason}); namespaces are compared with PID 2 (kthreadd), which lives in the initial namespaces`] };
}

/** attr/current answers EINVAL when no LSM provides labels; that holds for every process alike. */
function lsmLabels(fs: ProcFs, procRoot: string): boolean {
  try {
    fs.read(`${procRoot}/self/attr/current`);
    return true;
  } catch (error) {
    return errnoOf(error) !== 'EINVAL';
  }
}
