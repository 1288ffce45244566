/** AdmissionReview requests in the shape the API server sends (admission.k8s.io/v1). */
import { randomUUID } from 'node:crypto';

const RESOURCES: Readonly<Record<string, { group: string; version: string; resource: string }>> = {
  Pod: { group: '', version: 'v1', resource: 'pods' },
  Deployment: { group: 'apps', version: 'v1', resource: 'deployments' },
  StatefulSet: { group: 'apps', version: 'v1', resource: 'statefulsets' },
  DaemonSet: { group: 'apps', version: 'v1', resource: 'daemonsets' },
  ReplicaSet: { group: 'apps', version: 'v1', resource: 'replicasets' },
  Job: { group: 'batch', version: 'v1', resource: 'jobs' },
  CronJob: { group: 'batch', version: 'v1', resource: 'cronjobs' },
  ConfigMap: { group: '', version: 'v1', resource: 'configmaps' },
};

export interface ReviewOptions {
  readonly operation?: 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';
  readonly oldObject?: unknown;
  readonly dryRun?: boolean;
  readonly namespace?: string;
  readonly uid?: string;
  readonly username?: string;
}

export function admissionReview(object: Record<string, unknown>, options: ReviewOptions = {}) {
  const kind = String(object.kind);
  const r = RESOURCES[kind] ?? { group: '', version: 'v1', resource: `${kind.toLowerCase()}s` };
  const metadata = (object.metadata ?? {}) as { name?: string; namespace?: string };
  const operation = options.operation ?? 'CREATE';
  const namespace = options.namespace ?? metadata.namespace ?? 'default';
  return {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid: options.uid ?? randomUUID(),
      kind: { group: r.group, version: r.version, kind },
      resource: { group: r.group, version: r.version, resource: r.resource },
      requestKind: { group: r.group, version: r.version, kind },
      requestResource: { group: r.group, version: r.version, resource: r.resource },
      name: metadata.name ?? '',
      namespace,
      operation,
      userInfo: { username: options.username ?? 'kubernetes-admin', uid: 'u-1', groups: ['system:masters', 'system:authenticated'] },
      object: operation === 'DELETE' ? null : { ...object, metadata: { ...metadata, namespace } },
      oldObject: operation === 'UPDATE' || operation === 'DELETE' ? options.oldObject ?? object : null,
      dryRun: options.dryRun ?? false,
      options: { apiVersion: 'meta.k8s.io/v1', kind: operation === 'UPDATE' ? 'UpdateOptions' : operation === 'DELETE' ? 'DeleteOptions' : 'CreateOptions' },
    },
  };
}
