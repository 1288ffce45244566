/**
 * `import { audit } from 'caplint'`: the file audit of `caplint audit` as a
 * function. It takes typed options, returns typed results and never prints,
 * exits or reads standard input. Bad inputs are results (`errors`, exit code
 * 2), as on the command line; a bad option or policy rejects the promise with
 * a CaplintError. `formatReport` renders a result in any report format.
 */
import { resolve } from 'node:path';
import type { AuditReport, FailOn, Finding, InputError, Summary } from '../model/finding.js';
import { collectInputs, DEFAULT_MAX_BYTES } from '../inputs/collect.js';
import type { InputFormatName, InputText } from '../inputs/format.js';
import { auditInputs } from './audit-inputs.js';
import { buildReport, exitCodeOf } from './build-report.js';
import { prepareAudit } from './prepare.js';
import { packageJson } from '../paths.js';
import { UsageError } from '../errors.js';

export interface AuditOptions {
  /** Files or directories to audit, relative to `cwd`. */
  readonly paths?: readonly string[];
  /** Inputs already in memory: `file` names each in findings and errors. */
  readonly texts?: readonly InputText[];
  /** A built-in policy name or a profile file (default: the config's, else "default"). */
  readonly policy?: string;
  /** Findings at or above this severity make `exitCode` 1 (default: the config's, else "high"). */
  readonly failOn?: FailOn;
  /** Custom rule files (TypeScript), checked and sandboxed as on the command line. */
  readonly ruleFiles?: readonly string[];
  /** caplint.config.json to use; `false` ignores config files; default: the nearest one up from `cwd`. */
  readonly config?: string | false;
  /** Force one input format instead of detecting it from the content. */
  readonly inputFormat?: InputFormatName;
  /** Largest input read, in bytes. */
  readonly maxBytes?: number;
  /** Where paths, the config and policy files are resolved (default: process.cwd()). */
  readonly cwd?: string;
  /** Succeed with exit code 0 when nothing auditable was found, instead of 2. */
  readonly allowEmpty?: boolean;
}

export interface AuditResult {
  /** Current findings, sorted by file, line and column. */
  readonly findings: readonly Finding[];
  /** Findings silenced by `caplint.dev/ignore`, each with its `suppression`. */
  readonly suppressed: readonly Finding[];
  /** Inputs that could not be read or understood, and settings that were wrong. */
  readonly errors: readonly InputError[];
  readonly summary: Summary;
  /** What `caplint audit` would exit with: 0 passed, 1 findings at or above failOn, 2 an error. */
  readonly exitCode: 0 | 1 | 2;
  /** Everything a report format needs, for `formatReport`. */
  readonly report: AuditReport;
}

export async function audit(options: AuditOptions = {}): Promise<AuditResult> {
  const cwd = options.cwd ?? process.cwd();
  const paths = options.paths ?? [];
  if (paths.includes('-')) throw new UsageError('audit(): standard input is not read; pass its text in `texts`');
  if (paths.length === 0 && !options.texts?.length) throw new UsageError('audit(): give `paths` or `texts` to audit');
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const { ruleSet, settings, policy } = await prepareAudit({
    cwd, noConfig: options.config === false, ruleFiles: options.ruleFiles ?? [],
    ...(typeof options.config === 'string' ? { config: options.config } : {}),
    ...(options.policy !== undefined ? { policy: options.policy } : {}),
    ...(options.failOn !== undefined ? { failOn: options.failOn } : {}),
  });
  try {
    const collected = await collectInputs(paths, { cwd, maxBytes, readStdin: async () => '' });
    const inputs = [...collected.inputs, ...(options.texts ?? [])];
    const audited = await auditInputs(inputs, settings.rulesFor, options.inputFormat, undefined, { cwd: resolve(cwd) });
    const report = buildReport({
      inputs: inputs.length + collected.errors.length,
      subjects: audited.subjects,
      findings: audited.findings,
      suppressed: audited.suppressed,
      errors: [...settings.errors, ...ruleSet.errors, ...collected.errors, ...audited.errors],
      ...(audited.skipped ? { skipped: audited.skipped } : {}),
      allowEmpty: options.allowEmpty === true,
      rules: settings.rulesFor(''),
      failOn: settings.failOn,
      policy,
      version: (packageJson() as { version: string }).version,
    });
    return {
      findings: report.findings, suppressed: report.suppressed ?? [], errors: report.errors, summary: report.summary,
      exitCode: exitCodeOf(report) as 0 | 1 | 2, report,
    };
  } finally {
    ruleSet.close();
  }
}

/** The result in one of the report formats (text, json, sarif, junit, github, markdown, html, compact, gitlab). */
export async function formatReport(result: AuditResult, format: string, options: { cwd?: string; color?: boolean; showSuppressed?: boolean } = {}): Promise<string> {
  const { REPORT_FORMATS } = await import('../../reports/index.js');
  const load = Object.hasOwn(REPORT_FORMATS, format) ? REPORT_FORMATS[format] : undefined;
  if (!load) throw new UsageError(`formatReport(): no format "${format}"; formats: ${Object.keys(REPORT_FORMATS).join(', ')}`);
  return (await load())(result.report, { color: options.color ?? false, cwd: options.cwd ?? process.cwd(), showSuppressed: options.showSuppressed ?? false });
}
