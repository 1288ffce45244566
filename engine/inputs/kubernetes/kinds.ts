/**
 * Which Kubernetes objects hold a pod template, and where: the built-in
 * workload kinds, well-known custom resources (by API group), and any other
 * kind whose shape is a pod spec. Known non-workload kinds are skipped; the
 * rest are reported as not audited, and a near-miss of a workload kind (a
 * typo) gets a did-you-mean.
 */
import { didYouMean } from '../../linux/suggest.js';
import { isRecord } from './workloads.js';

/** Path from the object to its pod template (metadata + spec), by kind. */
const BUILT_IN: Readonly<Record<string, readonly string[]>> = {
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

/** Custom resources that embed a pod template, by `group/Kind`. */
const CUSTOM: Readonly<Record<string, readonly string[]>> = {
  'apps.openshift.io/DeploymentConfig': ['spec', 'template'],
  'argoproj.io/Rollout': ['spec', 'template'],
  'serving.knative.dev/Service': ['spec', 'template'],
  'serving.knative.dev/Configuration': ['spec', 'template'],
  'serving.knative.dev/Revision': [],
  'apps.kruise.io/CloneSet': ['spec', 'template'],
  'apps.kruise.io/StatefulSet': ['spec', 'template'],
  'apps.kruise.io/DaemonSet': ['spec', 'template'],
  'apps.kruise.io/BroadcastJob': ['spec', 'template'],
  'keda.sh/ScaledJob': ['spec', 'jobTargetRef', 'template'],
};

/** Where other kinds are looked at for a pod spec (`containers` under `spec`). */
const SHAPES: readonly (readonly string[])[] = [['spec', 'template'], ['spec', 'jobTemplate', 'spec', 'template'], [], ['template']];

/** Kinds that never run containers: fine to skip. */
const NOT_WORKLOADS = new Set([
  'APIService', 'Binding', 'Certificate', 'CertificateSigningRequest', 'ClusterIssuer', 'ClusterRole', 'ClusterRoleBinding', 'ComponentStatus',
  'ConfigMap', 'ControllerRevision', 'CSIDriver', 'CSINode', 'CSIStorageCapacity', 'CustomResourceDefinition', 'Endpoints', 'EndpointSlice',
  'Event', 'FlowSchema', 'Gateway', 'GatewayClass', 'GRPCRoute', 'HorizontalPodAutoscaler', 'HTTPRoute', 'Ingress', 'IngressClass', 'Issuer',
  'Kustomization', 'Lease', 'LimitRange', 'MutatingWebhookConfiguration', 'Namespace', 'NetworkPolicy', 'Node', 'PersistentVolume',
  'PersistentVolumeClaim', 'PodDisruptionBudget', 'PodMonitor', 'PriorityClass', 'PriorityLevelConfiguration', 'PrometheusRule', 'ResourceQuota',
  'Role', 'RoleBinding', 'Route', 'RuntimeClass', 'Secret', 'Service', 'ServiceAccount', 'ServiceMonitor', 'StorageClass', 'TCPRoute', 'TLSRoute',
  'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'ValidatingWebhookConfiguration', 'VerticalPodAutoscaler', 'VolumeAttachment',
  'VolumeSnapshot', 'VolumeSnapshotClass', 'VolumeSnapshotContent',
]);

const WORKLOAD_KINDS = [...Object.keys(BUILT_IN), ...Object.keys(CUSTOM).map((k) => k.slice(k.indexOf('/') + 1))];

/** Groups whose containers may omit `name`, and the name their controller gives them. */
const DEFAULT_CONTAINER_NAME: Readonly<Record<string, string>> = { 'serving.knative.dev': 'user-container' };

export type KindVerdict =
  | { readonly workload: true; readonly path: readonly string[]; readonly byShape: boolean; readonly typoOf?: string; readonly containerName?: string }
  | { readonly workload: false; readonly known: boolean; readonly typoOf?: string };

export function classifyKind(kind: string, apiVersion: unknown, value: Record<string, unknown>): KindVerdict {
  const group = typeof apiVersion === 'string' && apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  const custom = CUSTOM[`${group}/${kind}`];
  const containerName = DEFAULT_CONTAINER_NAME[group];
  if (custom) return { workload: true, path: custom, byShape: false, ...(containerName ? { containerName } : {}) };
  if (Object.hasOwn(BUILT_IN, kind)) return { workload: true, path: BUILT_IN[kind]!, byShape: false };
  const typoOf = NOT_WORKLOADS.has(kind) ? undefined : nearMiss(kind);
  const shape = SHAPES.find((path) => hasPodSpec(value, path));
  if (shape) return { workload: true, path: shape, byShape: true, ...(typoOf ? { typoOf } : {}) };
  return { workload: false, known: NOT_WORKLOADS.has(kind), ...(typoOf ? { typoOf } : {}) };
}

function nearMiss(kind: string): string | undefined {
  const lower = kind.toLowerCase();
  const exact = WORKLOAD_KINDS.find((k) => k.toLowerCase() === lower);
  if (exact) return exact;
  return didYouMean(kind, WORKLOAD_KINDS);
}

function hasPodSpec(value: Record<string, unknown>, path: readonly string[]): boolean {
  let node: unknown = value;
  for (const token of path) node = isRecord(node) ? node[token] : undefined;
  return isRecord(node) && isRecord(node.spec) && Array.isArray(node.spec.containers);
}
