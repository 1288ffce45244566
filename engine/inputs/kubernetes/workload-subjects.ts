/** One workload's pod template → validated → a located Subject per container. */
import type { ErrorObject } from 'ajv';
import type { LoadOptions } from '../format.js';
import type { LocatedSubject, SourceDocument } from '../../model/located.js';
import { join } from '../../model/pointer.js';
import { describeSchemaError } from '../schema-errors.js';
import { CAPABILITY_NAMES } from '../../linux/capabilities.js';
import { hint } from '../../linux/suggest.js';
import { readSeccompProfile } from '../read-profile.js';
import type { SeccompState } from '../../model/subject.js';
import { validate } from './validate.gen.js';
import type { PodSpec } from './pod.gen.js';
import type { Workload } from './workloads.js';
import { isRecord } from './workloads.js';
import { containerSubject } from './to-subject.js';
import { kubeLocator } from './locate.js';
import { scopedAnnotations, templateAnnotations } from './annotations.js';

type Problem = (pointer: string, message: string) => void;

const LISTS = [['containers', 'container'], ['initContainers', 'initContainer'], ['ephemeralContainers', 'ephemeralContainer']] as const;

export function workloadSubjects(w: Workload, document: SourceDocument, options: LoadOptions, problem: Problem): LocatedSubject[] {
  const label = `${w.kind}/${w.name}`;
  // Kubernetes treats a null field as unset (Helm renders `securityContext: null` from an empty value).
  const specValue = withContainerNames(dropNulls(valueAt(w, document)), w.containerName);
  if (!validate(specValue)) {
    const first = (validate as unknown as { errors: ErrorObject[] }).errors[0]!;
    problem(w.podSpec + first.instancePath, `${label}: not a valid pod spec: ${describeSchemaError({ ...first, instancePath: `${w.podSpec}${first.instancePath}` })}`);
    return [];
  }
  const spec = specValue as PodSpec;
  const out: LocatedSubject[] = [];
  const podAnnotations = templateAnnotations(w);
  let primary = true;
  for (const [list, type] of LISTS) {
    (spec[list] ?? []).forEach((container, index) => {
      const containerPointer = join(w.podSpec, list, index);
      const { annotations, places } = scopedAnnotations(w, container.name);
      const localhost = (profile: string): SeccompState => {
        if (!options.seccompRoot) return { mode: 'filter' };
        const read = readSeccompProfile(options.seccompRoot, profile, profile);
        if (read.error) problem(join(containerPointer, 'securityContext', 'seccompProfile'), `${label} container ${container.name}: ${read.error} (under --seccomp-root)`);
        return read.state;
      };
      const { subject, badCaps } = containerSubject({ workload: label, spec, container, type, primary, file: document.file, annotations, podAnnotations, localhost });
      primary = false;
      for (const bad of badCaps) {
        problem(join(containerPointer, 'securityContext', 'capabilities', bad.list, bad.index), `"${bad.name}" is not a capability${hint(bad.name.toUpperCase().startsWith('CAP_') ? bad.name : `CAP_${bad.name}`, CAPABILITY_NAMES)}`);
      }
      const locate = kubeLocator({ spec: w.podSpec, container: containerPointer, annotations: places }, spec, container, subject);
      out.push({ subject, document, locate });
    });
  }
  return out;
}

function withContainerNames(spec: unknown, name: string | undefined): unknown {
  if (name === undefined || !isRecord(spec) || !Array.isArray(spec.containers)) return spec;
  return { ...spec, containers: spec.containers.map((c: unknown, i: number) => (isRecord(c) && c.name === undefined ? { ...c, name: i === 0 ? name : `${name}-${i}` } : c)) };
}

function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, dropNulls(v)]));
}

function valueAt(w: Workload, _document: SourceDocument): unknown {
  let node: unknown = w.value;
  for (const token of w.podSpec.slice(w.object.length).split('/').slice(1)) node = isRecord(node) ? node[token] : undefined;
  return node;
}
