/**
 * One scan of the node, through the containers view of the live audit (the
 * same reader, grouping and rules as `caplint ps --containers`): findings per
 * group of identical processes, and for each container whose bundle config
 * the scan found, the differences between its processes and that config
 * (drift).
 */
import type { Finding } from '../../model/finding.js';
import { atOrAbove } from '../../model/finding.js';
import type { ActiveRule } from '../../runner/run-rules.js';
import type { LiveOptions } from '../../audit/load-processes.js';
import { scanContainers } from '../../audit/containers-view.js';
import { groupKey } from '../../audit/group-key.js';

export interface NodeScan {
  readonly findings: readonly Finding[];
  readonly processes: number;
  /** Fields that could not be read, by reason (Unknown is never counted as safe). */
  readonly unknowns: Readonly<Record<string, number>>;
  /** Containers compared with their bundle config, and the labels of those that differ from it. */
  readonly containersChecked: number;
  readonly drifting: readonly string[];
  /** A stable identity for the group each representative pid stands for (its group key). */
  readonly identities: ReadonlyMap<number, string>;
  /** Kubernetes namespace by subject name, where the container is known. */
  readonly namespaces: ReadonlyMap<string, string>;
  readonly seconds: number;
}

export async function scanNode(rules: readonly ActiveRule[], scan: LiveOptions): Promise<NodeScan> {
  const started = process.hrtime.bigint();
  const view = await scanContainers({ ...scan, rules, cwd: '/' });
  const namespaces = new Map<string, string>();
  const identities = new Map<number, string>();
  for (const group of view.groups) {
    const { subject } = group.representative;
    if (subject.pid !== undefined) identities.set(subject.pid, groupKey(subject));
    const namespace = subject.container?.pod?.namespace;
    if (namespace) namespaces.set(subject.name, namespace);
  }
  const compared = view.containers.filter((c) => c.drift !== undefined);
  return {
    findings: [...view.findings, ...view.drift],
    processes: view.subjects.length,
    unknowns: view.live.unreadable,
    containersChecked: compared.length,
    drifting: compared.filter((c) => c.drift!.some((f) => atOrAbove(f.severity, 'low'))).map((c) => c.label),
    identities,
    namespaces,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}
