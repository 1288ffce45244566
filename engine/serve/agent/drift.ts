/**
 * Drift: the processes of each container compared with the bundle config the
 * runtime started it from (the `live/matches-config` rule, as `audit --pid
 * --against` runs it). Only containers whose config the live scan found are
 * compared; the others are not counted as checked.
 */
import type { Finding } from '../../model/finding.js';
import type { LocatedSubject } from '../../model/located.js';
import { atOrAbove } from '../../model/finding.js';
import { runRules } from '../../runner/run-rules.js';
import { collectInputs, DEFAULT_MAX_BYTES } from '../../inputs/collect.js';
import { loadInputs } from '../../audit/load-inputs.js';

interface WithContainer {
  readonly container?: { readonly id: string; readonly config?: string };
}

export interface Drift {
  readonly findings: Finding[];
  checked: number;
  /** Container ids whose processes differ from their config (low severity and above). */
  readonly drifting: string[];
}

export async function driftFindings(subjects: readonly LocatedSubject[]): Promise<Drift> {
  const byConfig = new Map<string, { id: string; processes: LocatedSubject[] }>();
  for (const located of subjects) {
    const container = (located.subject as WithContainer).container;
    if (!container?.config) continue;
    const entry = byConfig.get(container.config) ?? { id: container.id, processes: [] };
    entry.processes.push(located);
    byConfig.set(container.config, entry);
  }
  const out: Drift = { findings: [], checked: 0, drifting: [] };
  if (byConfig.size === 0) return out;
  const { default: rule } = await import('../../../rules/live/matches-config.js');
  for (const [config, { id, processes }] of byConfig) {
    const collected = await collectInputs([config], { cwd: '/', maxBytes: DEFAULT_MAX_BYTES, readStdin: async () => '' });
    const declared = (await loadInputs(collected.inputs, 'oci')).subjects[0];
    if (!declared?.document) continue;
    out.checked++;
    const compared = processes.map((p) => ({ subject: { ...p.subject, file: declared.document!.file }, document: declared.document, locate: declared.locate }));
    const run = runRules(compared, [{ rule, options: { declared: declared.subject } }]);
    out.findings.push(...run.findings);
    if (run.findings.some((f) => atOrAbove(f.severity, 'low'))) out.drifting.push(id);
  }
  return out;
}
