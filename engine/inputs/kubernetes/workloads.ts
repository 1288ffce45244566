/**
 * Where the pod spec lives in each workload kind, and the walk over a
 * document (a workload, or a List of them) that finds them.
 */
import { join } from '../../model/pointer.js';

/** Path from the object to its pod template (metadata + spec), by kind. */
const TEMPLATE_PATH: Readonly<Record<string, readonly string[]>> = {
  Pod: [],
  PodTemplate: ['template'],
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

export interface Workload {
  readonly kind: string;
  readonly name: string;
  /** Pointer of the object (`/items/3` inside a List). */
  readonly object: string;
  /** Pointer of the pod template's metadata and spec. */
  readonly podMeta: string;
  readonly podSpec: string;
  readonly value: Record<string, unknown>;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Workloads in one document; other kinds are skipped. `problem` reports a malformed one. */
export function findWorkloads(value: unknown, base: string, problem: (pointer: string, message: string) => void): Workload[] {
  if (!isRecord(value)) return [];
  const kind = value.kind;
  if (kind === 'List' || (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(value.items))) {
    const items = Array.isArray(value.items) ? value.items : [];
    return items.flatMap((item, i) => findWorkloads(item, join(base, 'items', i), problem));
  }
  if (typeof kind !== 'string' || !Object.hasOwn(TEMPLATE_PATH, kind)) return [];
  const path = TEMPLATE_PATH[kind]!;
  let template: unknown = value;
  for (const token of path) template = isRecord(template) ? template[token] : undefined;
  const meta = isRecord(value.metadata) ? value.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : typeof meta.generateName === 'string' ? `${meta.generateName}*` : '(unnamed)';
  const templatePointer = join(base, ...path);
  if (!isRecord(template) || !isRecord(template.spec)) {
    problem(path.length ? templatePointer : join(base, 'spec'), `${kind}/${name} has no pod spec (${[...path, 'spec'].join('.')})`);
    return [];
  }
  return [{ kind, name, object: base, podMeta: join(templatePointer, 'metadata'), podSpec: join(templatePointer, 'spec'), value }];
}
