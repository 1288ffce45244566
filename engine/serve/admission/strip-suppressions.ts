/**
 * An object without the caplint.dev/ignore annotations that would apply to
 * it (the object's own and its pod template's). At admission the author of
 * the object is the party being judged, so by default their annotations do
 * not get to silence the judge.
 */
import { findWorkloads, isRecord } from '../../inputs/kubernetes/workloads.js';
import { isSuppressionKey } from '../../runner/suppressions.js';

export function withoutSuppressions(object: unknown): unknown {
  if (!isRecord(object)) return object;
  const copy = structuredClone(object);
  for (const workload of findWorkloads(copy, '', () => {})) {
    for (const pointer of new Set([`${workload.object}/metadata`, workload.podMeta])) strip(at(copy, pointer));
  }
  return copy;
}

function at(root: unknown, pointer: string): unknown {
  let node = root;
  for (const token of pointer.split('/').slice(1)) node = isRecord(node) ? node[token] : Array.isArray(node) ? node[Number(token)] : undefined;
  return node;
}

function strip(metadata: unknown): void {
  if (!isRecord(metadata) || !isRecord(metadata.annotations)) return;
  for (const key of Object.keys(metadata.annotations)) if (isSuppressionKey(key)) delete metadata.annotations[key];
}
