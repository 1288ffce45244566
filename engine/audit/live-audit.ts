/**
 * `caplint audit --pid PID... [--against CONFIG]`: the processes as Subjects,
 * and with --against, the differences between each process and the OCI
 * config it was started from, located at the config's lines.
 */
import type { Finding, InputError, LiveSummary } from '../model/finding.js';
import type { LocatedSubject } from '../model/located.js';
import { loadProcesses } from './load-processes.js';
import { compareWithConfig } from './compare-config.js';
import type { LiveOptions } from './load-processes.js';
import { compareFindings, prepareRules, runRules } from '../runner/run-rules.js';
import type { ActiveRule } from '../runner/run-rules.js';
import type { Audited } from './audit-inputs.js';

export interface LiveAudit {
  readonly subjects: LocatedSubject[];
  readonly errors: InputError[];
  readonly inputs: number;
  /** The rules on the processes, with the --against findings merged in. */
  audit(rules: readonly ActiveRule[]): Promise<Audited>;
  /** Findings of the comparison with --against. */
  readonly findings: readonly Finding[];
  readonly sources: ReadonlyMap<string, string>;
  readonly live: LiveSummary;
}

export interface LiveAuditOptions {
  readonly scan: LiveOptions;
  readonly against?: string;
  readonly cwd: string;
  readonly maxBytes: number;
  readStdin(): Promise<string>;
}

export async function liveAudit(options: LiveAuditOptions): Promise<LiveAudit> {
  const processes = await loadProcesses(options.scan);
  const errors: InputError[] = [...processes.errors];
  const findings: Finding[] = [];
  const sources = new Map<string, string>();
  if (options.against !== undefined) {
    const compared = await compareWithConfig(processes.subjects, options.against, options);
    findings.push(...compared.findings);
    errors.push(...compared.errors);
    for (const [file, text] of compared.sources) sources.set(file, text);
  }
  const audit = async (rules: readonly ActiveRule[]): Promise<Audited> => {
    await prepareRules(processes.subjects.map((s) => s.subject), rules);
    const run = runRules(processes.subjects, rules);
    return { subjects: processes.subjects, findings: [...run.findings, ...findings].sort(compareFindings), suppressed: run.suppressed, errors: [...errors, ...run.errors] };
  };
  return { subjects: processes.subjects, errors, findings, sources, inputs: processes.subjects.length, live: processes.live, audit };
}
