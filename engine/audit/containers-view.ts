/**
 * The node's processes as a person (or the node agent) wants them: grouped
 * into identical groups, the groups into containers, each group judged once
 * by the rules (findings folded: one per rule per group), and each container
 * whose bundle config.json is readable compared with it (drift).
 *
 *   const view = await scanContainers({ filters: false });
 *   for (const c of view.containers) console.log(c.label, c.drift?.length ?? 'no config');
 */
import type { Finding, InputError, LiveSummary } from '../model/finding.js';
import type { LocatedSubject } from '../model/located.js';
import type { ContainerRef } from '../model/container.js';
import { containerLabel } from '../model/container.js';
import type { ActiveRule } from '../runner/run-rules.js';
import { runRules } from '../runner/run-rules.js';
import type { LiveOptions, StartedLiveScan } from './load-processes.js';
import { loadProcesses } from './load-processes.js';
import type { ProcessGroup } from './group-processes.js';
import { groupProcesses } from './group-processes.js';
import { compareWithConfig } from './compare-config.js';
import { DEFAULT_MAX_BYTES } from '../inputs/collect.js';

export type { ProcessGroup } from './group-processes.js';

export interface ContainerView {
  readonly container: ContainerRef;
  /** `runc t1`, `docker web (3f2a9c1b7e4d)`, `containerd shop/web-0/nginx`. */
  readonly label: string;
  /** Ids of the container's groups. */
  readonly groups: readonly string[];
  readonly processes: number;
  /** The bundle config compared with, when readable. */
  readonly config?: string;
  /** Differences from the config (live/matches-config findings); undefined when there was no config to compare with. */
  readonly drift?: readonly Finding[];
}

export interface ContainersView {
  readonly groups: readonly ProcessGroup[];
  readonly containers: readonly ContainerView[];
  /** The rules' findings on each group, folded. */
  readonly findings: readonly Finding[];
  /** Every container's drift findings together. */
  readonly drift: readonly Finding[];
  readonly errors: readonly InputError[];
  readonly live: LiveSummary;
  /** Every process, as scanned (each is in exactly one group). */
  readonly subjects: readonly LocatedSubject[];
  /** Config texts by file, for code frames of drift findings. */
  readonly sources: ReadonlyMap<string, string>;
}

export interface ContainersScanOptions extends LiveOptions {
  /** The rules to judge groups with (default: the default policy's). */
  readonly rules?: readonly ActiveRule[];
  /** Compare containers with their bundle config.json (default true). */
  readonly compare?: boolean;
  readonly cwd?: string;
  readonly maxBytes?: number;
  /** Keep only processes that are in a container. */
  readonly containersOnly?: boolean;
  /** The scan, started earlier with these options (startLiveScan), to take up. */
  readonly started?: StartedLiveScan;
}

export async function scanContainers(options: ContainersScanOptions = {}): Promise<ContainersView> {
  const loaded = await loadProcesses(options, options.started);
  const subjects = options.containersOnly ? loaded.subjects.filter((s) => s.subject.container && s.subject.container.runtime !== 'systemd') : loaded.subjects;
  const groups = groupProcesses(subjects);
  const rules = options.rules ?? (await (await import('./active-rules.js')).activeRules()).rules;
  const run = runRules(groups.map((g) => g.representative), rules, { fold: true });
  const errors: InputError[] = [...loaded.errors, ...run.errors];
  const sources = new Map<string, string>();
  const byContainer = new Map<string, ProcessGroup[]>();
  for (const g of groups) {
    if (!g.container) continue;
    const key = `${g.container.runtime}/${g.container.id}`;
    byContainer.set(key, [...(byContainer.get(key) ?? []), g]);
  }
  const containers: ContainerView[] = [];
  const drift: Finding[] = [];
  for (const members of byContainer.values()) {
    const container = members[0]!.container!;
    let compared: Finding[] | undefined;
    if (options.compare !== false && container.config !== undefined) {
      const collect = { cwd: options.cwd ?? process.cwd(), maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES, readStdin: async () => '' };
      const result = await compareWithConfig(members.map((g) => g.representative), container.config, collect);
      errors.push(...result.errors);
      for (const [file, text] of result.sources) sources.set(file, text);
      if (result.loaded) drift.push(...(compared = result.findings));
    }
    containers.push({
      container,
      label: containerLabel(container),
      groups: members.map((g) => g.id),
      processes: members.reduce((n, g) => n + g.pids.length, 0),
      ...(container.config !== undefined ? { config: container.config } : {}),
      ...(compared ? { drift: compared } : {}),
    });
  }
  return { groups, containers, findings: run.findings, drift, errors, live: loaded.live, subjects, sources };
}
