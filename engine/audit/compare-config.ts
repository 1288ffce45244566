/**
 * Declared against actual: live processes compared with the OCI config they
 * were started from (rule live/matches-config), each finding located at the
 * config line that declared otherwise. Namespaces the config joins by path
 * are resolved on this host first.
 */
import type { Finding, InputError } from '../model/finding.js';
import type { LocatedSubject } from '../model/located.js';
import { collectInputs } from '../inputs/collect.js';
import type { CollectOptions } from '../inputs/collect.js';
import { loadInputs } from './load-inputs.js';
import { runRules } from '../runner/run-rules.js';
import { resolveJoined } from './resolve-joined.js';

export interface Compared {
  readonly findings: Finding[];
  readonly errors: InputError[];
  /** The config's text by file, for code frames. */
  readonly sources: Map<string, string>;
  /** False when the config could not be read as an OCI config. */
  readonly loaded: boolean;
}

export async function compareWithConfig(processes: readonly LocatedSubject[], config: string, options: CollectOptions): Promise<Compared> {
  const collected = await collectInputs([config], options);
  const loaded = await loadInputs(collected.inputs, 'oci');
  const errors: InputError[] = [...collected.errors, ...loaded.errors];
  const sources = new Map<string, string>();
  const declared = loaded.subjects[0];
  if (!declared?.document) return { findings: [], errors, sources, loaded: false };
  const document = declared.document;
  sources.set(document.file, document.text);
  const { default: rule } = await import('../../rules/live/matches-config.js');
  const compared = processes.map((p) => ({ subject: { ...p.subject, file: document.file }, document, locate: declared.locate }));
  // Each difference stays a finding of its own, at its own config line.
  const run = runRules(compared, [{ rule, options: { declared: resolveJoined(declared.subject) } }]);
  return { findings: run.findings, errors: [...errors, ...run.errors], sources, loaded: true };
}
