/**
 * One scan of the node: the live audit of the running processes (the same
 * reader and rules as `caplint ps` and `caplint audit --pid`), and for each
 * container whose bundle config the scan found, the differences between its
 * processes and that config (drift).
 */
import type { Finding } from '../../model/finding.js';
import type { LocatedSubject } from '../../model/located.js';
import type { ActiveRule } from '../../runner/run-rules.js';
import { runRules } from '../../runner/run-rules.js';
import { loadProcesses } from '../../audit/load-processes.js';
import type { LiveOptions } from '../../audit/load-processes.js';
import { driftFindings } from './drift.js';

export interface NodeScan {
  readonly findings: readonly Finding[];
  readonly processes: number;
  /** Fields that could not be read, by reason (Unknown is never counted as safe). */
  readonly unknowns: Readonly<Record<string, number>>;
  /** Containers compared with their bundle config, and those that differ from it. */
  readonly containersChecked: number;
  readonly drifting: readonly string[];
  /** Namespace (Kubernetes) of each subject name, where the scan knows it. */
  readonly namespaces: ReadonlyMap<string, string>;
  readonly seconds: number;
}

/** The Kubernetes namespace of a live process, when its container is known. */
export function namespaceOf(subject: LocatedSubject['subject']): string | undefined {
  const container = (subject as { container?: { pod?: { namespace?: string } } }).container;
  return container?.pod?.namespace;
}

export async function scanNode(rules: readonly ActiveRule[], scan: LiveOptions): Promise<NodeScan> {
  const started = process.hrtime.bigint();
  const loaded = await loadProcesses(scan);
  const run = runRules(loaded.subjects, rules);
  const drift = await driftFindings(loaded.subjects);
  const namespaces = new Map<string, string>();
  for (const { subject } of loaded.subjects) {
    const ns = namespaceOf(subject);
    if (ns) namespaces.set(subject.name, ns);
  }
  return {
    findings: [...run.findings, ...drift.findings],
    processes: loaded.subjects.length,
    unknowns: loaded.live.unreadable,
    containersChecked: drift.checked,
    drifting: drift.drifting,
    namespaces,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}
