/**
 * Capabilities from add/drop lists over the runtime default set, the way the
 * runtime that reads the input computes them. Privileged containers get every
 * capability. Names are accepted in any case, with or without `CAP_`; the
 * text is kept as written.
 *
 * - `cri` (Kubernetes through containerd or CRI-O): `ALL` in add grants every
 *   capability, `ALL` in drop removes every one; then named drops, then named
 *   adds (so `drop: [ALL]` with `add: [NET_BIND_SERVICE]` keeps that one).
 * - `moby` (compose, docker): moby's TweakCapabilities. `ALL` in the adds
 *   gives every capability except the drops named; otherwise `ALL` in the
 *   drops gives only the adds; otherwise base + adds - drops. So
 *   `cap_add: [ALL]` with `cap_drop: [ALL]` is every capability.
 */
import type { Capabilities } from '../model/subject.js';
import { allCapabilities, isAllKeyword, normaliseCapability, RUNTIME_DEFAULT_CAPS, sortCapabilities } from '../linux/capabilities.js';

export interface WrittenCaps {
  readonly add: readonly string[];
  readonly drop: readonly string[];
}

export interface BadCapability {
  readonly list: 'add' | 'drop';
  readonly index: number;
  readonly name: string;
}

export type CapMerge = 'cri' | 'moby';

export function effectiveCapabilities(written: WrittenCaps, privileged: boolean, nonRoot: boolean, merge: CapMerge = 'cri'): { capabilities: Capabilities; bad: BadCapability[] } {
  const bad: BadCapability[] = [];
  const names = (list: 'add' | 'drop') => written[list].flatMap((name, index) => {
    if (isAllKeyword(name)) return [];
    const canonical = normaliseCapability(name);
    if (!canonical) bad.push({ list, index, name });
    return canonical ? [canonical] : [];
  });
  const drops = names('drop');
  const adds = names('add');
  const set = (merge === 'moby' ? mobySet : criSet)(written.add.some(isAllKeyword), written.drop.some(isAllKeyword), adds, drops);
  const bounding = privileged ? allCapabilities() : sortCapabilities(set);
  // A non-root user loses permitted and effective capabilities at execve (no ambient set is given).
  const running = nonRoot && !privileged ? [] : bounding;
  return {
    capabilities: {
      bounding, permitted: running, effective: running, inheritable: [], ambient: [],
      written: { add: [...written.add], drop: [...written.drop] },
      ...(privileged ? { implicit: 'privileged: the container gets every capability' } : {}),
    },
    bad,
  };
}

type Merge = (addAll: boolean, dropAll: boolean, adds: readonly string[], drops: readonly string[]) => Set<string>;

const criSet: Merge = (addAll, dropAll, adds, drops) => {
  const set = new Set<string>(addAll ? allCapabilities() : RUNTIME_DEFAULT_CAPS);
  if (dropAll) set.clear();
  for (const cap of drops) set.delete(cap);
  for (const cap of adds) set.add(cap);
  return set;
};

/** moby's TweakCapabilities (oci/caps/utils.go), branch for branch. */
const mobySet: Merge = (addAll, dropAll, adds, drops) => {
  if (addAll) return new Set(allCapabilities().filter((cap) => !drops.includes(cap)));
  if (dropAll) return new Set(adds);
  const set = new Set<string>(RUNTIME_DEFAULT_CAPS.filter((cap) => !drops.includes(cap)));
  for (const cap of adds) set.add(cap);
  return set;
};
