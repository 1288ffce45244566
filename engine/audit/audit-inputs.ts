/**
 * The audit pipeline, a group of inputs at a time: load → rules → located
 * findings, then drop what placed them (reported-subject.ts). Memory stays
 * bounded by one group however large the corpus, plus what the report needs
 * of each input: its findings, its model and, where it has findings, its text.
 */
import type { Finding, InputError, SkippedObject } from '../model/finding.js';
import type { LocatedSubject } from '../model/located.js';
import type { InputFormatName, InputText, LoadOptions } from '../inputs/format.js';
import { runRules, compareFindings, prepareRules } from '../runner/run-rules.js';

/** Subjects checked together: rules that prepare work for a group (custom rules) pay per group, not per subject. */
const GROUP = 64;
import type { ActiveRule } from '../runner/run-rules.js';
import { FormatCache } from './load-inputs.js';
import { reportedSubjects } from './reported-subject.js';

export interface Audited {
  readonly subjects: LocatedSubject[];
  readonly findings: Finding[];
  readonly suppressed: Finding[];
  readonly errors: InputError[];
  readonly skipped?: SkippedObject[];
}

export async function auditInputs(
  inputs: readonly InputText[], rules: readonly ActiveRule[] | ((file: string) => readonly ActiveRule[]),
  forced?: InputFormatName, onInput?: () => void, options?: LoadOptions,
): Promise<Audited> {
  const rulesFor = typeof rules === 'function' ? rules : () => rules;
  const formats = new FormatCache();
  const out = { subjects: [], findings: [], suppressed: [], errors: [], skipped: [] } as Required<Audited>;
  let pending: { file: string; subjects: readonly LocatedSubject[] }[] = [];
  let count = 0;
  const flush = async () => {
    // Overrides may switch rules off per file; every rule active for any file of the group is prepared.
    const active = new Map(pending.flatMap((p) => rulesFor(p.file)).map((a) => [a.rule.id, a] as const));
    await prepareRules(pending.flatMap((p) => p.subjects.map((s) => s.subject)), [...active.values()]);
    for (const p of pending) {
      const run = runRules(p.subjects, rulesFor(p.file));
      const placed = new Set([...run.findings, ...run.suppressed].map((f) => f.file));
      out.subjects.push(...reportedSubjects(p.subjects, (file) => placed.has(file)));
      out.findings.push(...run.findings);
      out.suppressed.push(...run.suppressed);
      out.errors.push(...run.errors);
    }
    pending = [];
    count = 0;
  };
  for (const input of inputs) {
    onInput?.();
    const loaded = await formats.load(input, forced, options);
    out.errors.push(...loaded.errors);
    if (loaded.skipped) out.skipped.push(...loaded.skipped);
    if (loaded.subjects.length === 0) continue;
    pending.push({ file: input.file, subjects: loaded.subjects });
    count += loaded.subjects.length;
    if (count >= GROUP) await flush();
  }
  await flush();
  out.findings.sort(compareFindings);
  out.suppressed.sort(compareFindings);
  return out;
}
