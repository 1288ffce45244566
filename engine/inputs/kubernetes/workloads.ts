/**
 * The walk over a document (a workload, or a List of them) that finds pod
 * templates (kinds.ts says where each kind keeps one); what holds none is
 * reported through `skip`.
 */
import { join } from '../../model/pointer.js';
import { classifyKind } from './kinds.js';

export interface Workload {
  readonly kind: string;
  readonly name: string;
  /** Pointer of the object (`/items/3` inside a List). */
  readonly object: string;
  /** Pointer of the pod template's metadata and spec. */
  readonly podMeta: string;
  readonly podSpec: string;
  readonly value: Record<string, unknown>;
  /** The name a container without one gets (Knative's controller names it user-container). */
  readonly containerName?: string;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An object that was not audited: a known non-workload kind, or one caplint does not know. */
export type Skip = (pointer: string, kind: string, known: boolean) => void;

/** Workloads in one document. `problem` reports a malformed one, `skip` an object that holds no pod template. */
export function findWorkloads(value: unknown, base: string, problem: (pointer: string, message: string) => void, skip: Skip = () => {}): Workload[] {
  if (!isRecord(value)) return [];
  const kind = value.kind;
  if (kind === 'List' || (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(value.items))) {
    const items = Array.isArray(value.items) ? value.items : [];
    return items.flatMap((item, i) => findWorkloads(item, join(base, 'items', i), problem, skip));
  }
  if (typeof kind !== 'string') {
    problem(join(base, 'kind'), 'the object has no "kind", so caplint cannot tell what it is');
    return [];
  }
  const verdict = classifyKind(kind, value.apiVersion, value);
  if (verdict.typoOf) problem(join(base, 'kind'), `"${kind}" is not a Kubernetes kind caplint knows (did you mean ${verdict.typoOf}?)`);
  if (!verdict.workload) {
    if (!verdict.typoOf) skip(base, kind, verdict.known);
    return [];
  }
  const path = verdict.path;
  let template: unknown = value;
  for (const token of path) template = isRecord(template) ? template[token] : undefined;
  const meta = isRecord(value.metadata) ? value.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : typeof meta.generateName === 'string' ? `${meta.generateName}*` : '(unnamed)';
  const templatePointer = join(base, ...path);
  if (!isRecord(template) || !isRecord(template.spec)) {
    problem(path.length ? templatePointer : join(base, 'spec'), `${kind}/${name} has no pod spec (${[...path, 'spec'].join('.')})`);
    return [];
  }
  const containerName = verdict.containerName;
  return [{ kind, name, object: base, podMeta: join(templatePointer, 'metadata'), podSpec: join(templatePointer, 'spec'), value, ...(containerName ? { containerName } : {}) }];
}
