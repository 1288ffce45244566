/**
 * The audit pipeline, one input at a time: load → rules → located findings,
 * then drop the syntax tree that placed them. Memory stays bounded by one
 * input's tree however large the corpus.
 */
import type { Finding, InputError } from '../model/finding.js';
import type { LocatedSubject } from '../model/located.js';
import type { InputFormatName, InputText } from '../inputs/format.js';
import { runRules, compareFindings } from '../runner/run-rules.js';
import type { ActiveRule } from '../runner/run-rules.js';
import { FormatCache } from './load-inputs.js';

export interface Audited {
  readonly subjects: LocatedSubject[];
  readonly findings: Finding[];
  readonly errors: InputError[];
}

export async function auditInputs(inputs: readonly InputText[], rules: readonly ActiveRule[], forced?: InputFormatName): Promise<Audited> {
  const formats = new FormatCache();
  const out: Audited = { subjects: [], findings: [], errors: [] };
  for (const input of inputs) {
    const loaded = await formats.load(input, forced);
    out.errors.push(...loaded.errors);
    if (loaded.subjects.length === 0) continue;
    const run = runRules(loaded.subjects, rules);
    out.subjects.push(...loaded.subjects);
    out.findings.push(...run.findings);
    out.errors.push(...run.errors);
    for (const { document } of loaded.subjects) document?.release?.();
  }
  out.findings.sort(compareFindings);
  return out;
}
