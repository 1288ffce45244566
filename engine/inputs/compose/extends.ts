/**
 * `extends` within one compose file: the base service's settings, overridden
 * by the service's own; sequences (cap_add, volumes, ...) are concatenated.
 * Each top-level key remembers where its text is: one pointer for a scalar
 * or mapping; for a sequence, the lists its items came from, in order.
 */
import { join } from '../../model/pointer.js';
import { isRecord } from '../kubernetes/workloads.js';

/** A run of sequence items written in one list. */
export interface ListSegment {
  readonly at: string;
  readonly length: number;
}

export interface ResolvedService {
  readonly value: Record<string, unknown>;
  readonly origin: ReadonlyMap<string, string | readonly ListSegment[]>;
}

/** Pointer of item `index` of a sequence made of segments. */
export function itemPointer(segments: readonly ListSegment[], index: number): string | undefined {
  let i = index;
  for (const s of segments) {
    if (i < s.length) return join(s.at, i);
    i -= s.length;
  }
  return segments[0]?.at;
}

export function resolveService(
  services: Record<string, unknown>, name: string, problem: (pointer: string, message: string) => void, seen: readonly string[] = [],
): ResolvedService | undefined {
  const pointer = join('/services', name);
  const own = services[name];
  if (!isRecord(own)) {
    problem(pointer, `service "${name}" must be a mapping`);
    return undefined;
  }
  const value: Record<string, unknown> = {};
  const origin = new Map<string, string | readonly ListSegment[]>();
  const ext = own.extends;
  if (ext !== undefined) {
    const base = typeof ext === 'string' ? ext : isRecord(ext) && typeof ext.service === 'string' && ext.file === undefined ? ext.service : undefined;
    if (base === undefined) problem(join(pointer, 'extends'), `service "${name}": only extends within the same file is supported (extends: {service: NAME})`);
    else if (seen.includes(base) || !Object.hasOwn(services, base)) problem(join(pointer, 'extends'), seen.includes(base) ? `service "${name}": extends goes around in a circle` : `service "${name}" extends "${base}", which is not a service of this file`);
    else {
      const resolved = resolveService(services, base, problem, [...seen, name]);
      if (resolved) {
        Object.assign(value, resolved.value);
        for (const [k, v] of resolved.origin) origin.set(k, v);
      }
    }
  }
  for (const [key, v] of Object.entries(own)) {
    if (key === 'extends') continue;
    const previous = value[key];
    if (Array.isArray(v) && Array.isArray(previous)) {
      value[key] = [...previous, ...v];
      origin.set(key, [...(origin.get(key) as ListSegment[]), { at: join(pointer, key), length: v.length }]);
    } else if (isRecord(v) && isRecord(previous)) {
      value[key] = { ...previous, ...v };
      origin.set(key, join(pointer, key));
    } else {
      value[key] = v;
      origin.set(key, Array.isArray(v) ? [{ at: join(pointer, key), length: v.length }] : join(pointer, key));
    }
  }
  return { value, origin };
}
