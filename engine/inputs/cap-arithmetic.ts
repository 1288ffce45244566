/**
 * Capabilities as Docker, containerd and CRI-O compute them from add/drop
 * lists: start from the runtime default set; `ALL` in add grants every
 * capability, `ALL` in drop removes every one; then named drops, then named
 * adds (so `drop: [ALL]` with `add: [NET_BIND_SERVICE]` keeps that one).
 * Privileged containers get every capability. Names are accepted in any
 * case, with or without `CAP_`; the text is kept as written.
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

export function effectiveCapabilities(written: WrittenCaps, privileged: boolean, nonRoot: boolean): { capabilities: Capabilities; bad: BadCapability[] } {
  const bad: BadCapability[] = [];
  const names = (list: 'add' | 'drop') => written[list].flatMap((name, index) => {
    if (isAllKeyword(name)) return [];
    const canonical = normaliseCapability(name);
    if (!canonical) bad.push({ list, index, name });
    return canonical ? [canonical] : [];
  });
  let set = new Set<string>(RUNTIME_DEFAULT_CAPS);
  if (written.add.some(isAllKeyword)) set = new Set(allCapabilities());
  if (written.drop.some(isAllKeyword)) set.clear();
  for (const cap of names('drop')) set.delete(cap);
  for (const cap of names('add')) set.add(cap);
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
