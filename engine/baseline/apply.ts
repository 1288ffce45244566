/**
 * Compare findings with a baseline: accepted ones are set aside, the rest
 * are new, and entries nothing matches any more are stale (reported as
 * `absent`, the SARIF term: fixed, or changed beyond recognition).
 */
import type { Finding } from '../model/finding.js';
import type { BaselineFile } from './baseline-file.js';
import { baselineKey, portablePath } from './baseline-file.js';

export interface Compared {
  /** New findings (baseline: 'new') followed by stale entries (baseline: 'absent'). */
  readonly findings: Finding[];
  readonly accepted: number;
  readonly stale: number;
}

export function compareWithBaseline(findings: readonly Finding[], baseline: BaselineFile, cwd: string): Compared {
  const entries = new Map(baseline.entries.map((e) => [baselineKey(e), e]));
  const seen = new Set<string>();
  const fresh: Finding[] = [];
  for (const f of findings) {
    const key = baselineKey({ file: portablePath(f.file, cwd), subject: f.subject, ruleId: f.ruleId, pointer: f.pointer, message: f.message });
    if (entries.has(key)) seen.add(key);
    else fresh.push({ ...f, baseline: 'new' });
  }
  const stale: Finding[] = [];
  for (const [key, e] of entries) {
    if (seen.has(key)) continue;
    stale.push({
      ruleId: e.ruleId, severity: e.severity, message: e.message, subject: e.subject,
      rationale: `Accepted in the baseline on ${e.acceptedAt}; nothing matches it now.`,
      remediation: 'Remove the entry (caplint audit --update-baseline rewrites the file).',
      subjectKind: 'baseline', file: e.file, line: null, column: null, endLine: null, endColumn: null, pointer: e.pointer,
      baseline: 'absent',
    });
  }
  return { findings: [...fresh, ...stale], accepted: seen.size, stale: stale.length };
}
