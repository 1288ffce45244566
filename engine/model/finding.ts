/**
 * The finding and error types: the only part of the engine that report
 * formats import.
 */
export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type FailOn = Severity | 'never';

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function atOrAbove(severity: Severity, threshold: FailOn): boolean {
  return threshold !== 'never' && severityRank(severity) >= severityRank(threshold);
}

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  /** What is wrong, naming the capability, namespace or syscall. */
  readonly message: string;
  /** Why it matters. */
  readonly rationale: string;
  /** What to do. */
  readonly remediation: string;
  /** Human name of the container or process (`container "web"`, `pid 4242 (nginx)`). */
  readonly subject: string;
  readonly subjectKind: string;
  /** Path as given on the command line (or `<stdin>`); null for live processes. */
  readonly file: string | null;
  readonly line: number | null;
  readonly column: number | null;
  readonly endLine: number | null;
  readonly endColumn: number | null;
  /** JSON pointer (RFC 6901) of the text that caused the finding, or of the object that lacks a field. */
  readonly pointer: string | null;
  readonly pid?: number;
  /** Set when the audit compared against a baseline (SARIF baselineState). */
  readonly baseline?: BaselineState;
  /** Set on a finding that a `caplint.dev/ignore` entry in the input silenced (SARIF `suppressions`). */
  readonly suppression?: FindingSuppression;
}

/** A suppression written in the input itself (SARIF suppression kind `inSource`). */
export interface FindingSuppression {
  readonly kind: 'inSource';
  readonly justification: string;
  /** The annotation or label that holds it. */
  readonly key: string;
}

/** How a finding relates to the baseline (the values of SARIF 2.1.0 `result.baselineState`). */
export type BaselineState = 'new' | 'unchanged' | 'updated' | 'absent';

/** An input that could not be read or understood. */
export interface InputError {
  readonly file: string;
  readonly line: number | null;
  readonly column: number | null;
  readonly message: string;
}

/** Rule metadata as reports need it (SARIF rules, HTML legend). */
export interface RuleSummary {
  readonly id: string;
  readonly severity: Severity;
  readonly title: string;
  readonly description: string;
  readonly remediation: string;
  readonly references: readonly string[];
  readonly docsPath: string;
  /** Subject kinds the rule checks (JUnit lists one testcase per applying rule); absent = every kind. */
  readonly appliesTo?: readonly string[];
}

/** Who produced the report (SARIF tool.driver, HTML footer). */
export interface ToolInfo {
  readonly version: string;
  /** The project's home page (absolute URI). */
  readonly informationUri?: string;
  /** Absolute URI that `RuleSummary.docsPath` resolves against (--docs-base-url); without it docs paths are shown as text only. */
  readonly docsBaseUri?: string;
  /** file: URI of the installed package, whose docs/ the HTML report links to when there is no docsBaseUri. */
  readonly packageUri?: string;
}

/** An object of an input that holds no container to audit. */
export interface SkippedObject {
  readonly kind: string;
  readonly file: string;
  readonly line: number | null;
  /** A kind known to run no containers (ConfigMap, Service, ...), rather than one caplint does not know. */
  readonly known: boolean;
}

/** Skipped objects of one kind: how many, and where the first is. */
export interface SkippedKind {
  readonly kind: string;
  readonly count: number;
  readonly file: string;
  readonly line: number | null;
}

export interface Summary {
  readonly inputs: number;
  readonly subjects: number;
  readonly findings: number;
  readonly errors: number;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  readonly failOn: FailOn;
  /** True when a finding is at or above failOn. */
  readonly failed: boolean;
  /** Findings silenced by suppressions in the inputs (not in `findings`, never failing the run). */
  readonly suppressed?: number;
  /** With --baseline: findings set aside as accepted, and entries nothing matches any more. */
  readonly baseline?: { readonly file: string; readonly accepted: number; readonly stale: number };
  /** Objects of kinds caplint does not know and found no pod spec in: listed as "not audited". */
  readonly notAudited?: readonly SkippedKind[];
  /** Objects of kinds that run no containers (ConfigMap, Service, ...), skipped as expected. */
  readonly skipped?: readonly SkippedKind[];
  /** Why nothing was audited (no container in any input, no rule that applies, ...); exit 2 unless emptyAllowed. */
  readonly nothingAudited?: string;
  /** --allow-empty was given. */
  readonly emptyAllowed?: boolean;
  /** Live audits (ps, audit --pid): what was skipped and what could not be read, counted by reason. */
  readonly live?: LiveSummary;
  /** With custom rules: the boundary they ran behind and where each rule file came from. */
  readonly customRules?: CustomRulesSummary;
}

export interface CustomRulesSummary {
  /** os: caplint's own confinement; permission: Node's permission model only. */
  readonly boundary: 'os' | 'permission';
  readonly description: string;
  readonly files: readonly { readonly file: string; readonly from: 'config' | 'command line'; readonly inAuditedTree: boolean }[];
}

export interface LiveSummary {
  readonly processes: number;
  readonly skipped: Readonly<Record<string, number>>;
  readonly unreadable: Readonly<Record<string, number>>;
  readonly notes: readonly string[];
}

/** Everything a report format may use. */
export interface AuditReport {
  readonly findings: readonly Finding[];
  /** Findings silenced in the inputs, each with its `suppression`; reports count them, SARIF lists them. */
  readonly suppressed?: readonly Finding[];
  readonly errors: readonly InputError[];
  readonly summary: Summary;
  readonly rules: readonly RuleSummary[];
  /** Source text by file, for code frames. */
  readonly sources: ReadonlyMap<string, string>;
  /** Name of the policy applied. */
  readonly policy: string;
  /** Subjects as plain data (process audits print them; HTML shows a matrix). */
  readonly subjects: readonly unknown[];
  readonly tool?: ToolInfo;
}

export interface ReportOptions {
  readonly color: boolean;
  readonly cwd: string;
  /** --show-suppressed: human formats list suppressed findings too. */
  readonly showSuppressed?: boolean;
  /** Terminal width for wrapping (text); absent = 100. */
  readonly columns?: number;
}

export type ReportFormatter = (report: AuditReport, options: ReportOptions) => string;
