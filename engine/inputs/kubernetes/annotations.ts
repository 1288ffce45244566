/**
 * The annotations a container's Subject carries: the object's and its pod
 * template's (the template's win), with caplint suppressions scoped to the
 * container: `caplint.dev/ignore` applies to every container,
 * `caplint.dev/ignore.<container>` only to that one.
 */
import { join } from '../../model/pointer.js';
import type { Workload } from './workloads.js';
import { isRecord } from './workloads.js';

const SCOPED = 'caplint.dev/ignore.';

/** The pod template's own annotations: what the kubelet and Pod Security read (AppArmor, seccomp). */
export function templateAnnotations(w: Workload): Record<string, string> {
  let node: unknown = w.value;
  for (const token of w.podMeta.slice(w.object.length).split('/').slice(1)) node = isRecord(node) ? node[token] : undefined;
  const found = isRecord(node) && isRecord(node.annotations) ? node.annotations : {};
  return Object.fromEntries(Object.entries(found).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

export function scopedAnnotations(w: Workload, container: string): { annotations: Record<string, string>; places: Map<string, string> } {
  const annotations: Record<string, string> = {};
  const places = new Map<string, string>();
  const take = (pointer: string) => {
    let node: unknown = w.value;
    for (const token of pointer.slice(w.object.length).split('/').slice(1)) node = isRecord(node) ? node[token] : undefined;
    const found = isRecord(node) && isRecord(node.annotations) ? node.annotations : {};
    for (const [key, value] of Object.entries(found)) {
      if (typeof value !== 'string') continue;
      if (key.startsWith(SCOPED) && key !== `${SCOPED}${container}`) continue;
      annotations[key] = value;
      places.set(key, join(pointer, 'annotations', key));
    }
  };
  take(join(w.object, 'metadata'));
  if (w.podMeta !== join(w.object, 'metadata')) take(w.podMeta);
  return { annotations, places };
}
