/**
 * GitHub Actions workflow commands: one annotation per finding and input
 * error. Critical/high are errors, medium/low warnings, info notices.
 */
import type { Finding, ReportFormatter, Severity } from '../engine/model/finding.js';
import { relativePath, STDIN } from './common/location.js';
import { currentFindings } from './common/order.js';
import { verdictOf } from './common/verdict.js';
import { terminalSafe as t } from './common/terminal.js';

const COMMAND: Readonly<Record<Severity, 'error' | 'warning' | 'notice'>> = {
  critical: 'error', high: 'error', medium: 'warning', low: 'warning', info: 'notice',
};

/** A command's message: `%`, CR and LF are percent-encoded, so text can never start a new command. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: as data, and `:` and `,` too, which separate properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

type Props = Readonly<Record<string, string | number | null | undefined>>;

/** `message` is caplint's own layout around untrusted parts the caller passed through terminalSafe; props are sanitized here. */
function command(name: string, props: Props, message: string): string {
  const list = Object.entries(props)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k}=${escapeProperty(t(String(v)))}`)
    .join(',');
  return `::${name}${list ? ` ${list}` : ''}::${escapeData(message)}`;
}

/** Annotations attach to files in the repository; standard input and processes have none. */
function fileOf(file: string | null, cwd: string): string | undefined {
  return file === null || file === STDIN ? undefined : relativePath(file, cwd);
}

function annotation(f: Finding, cwd: string): string {
  const file = fileOf(f.file, cwd);
  const placed = file !== undefined && f.line !== null;
  const props: Props = {
    file,
    line: placed ? Math.max(1, f.line!) : undefined,
    col: placed && f.column !== null ? Math.max(1, f.column) : undefined,
    endLine: placed && f.endLine !== null ? Math.max(f.line!, f.endLine) : undefined,
    endColumn: placed && f.endColumn !== null && f.endLine === f.line ? Math.max(f.endColumn, f.column ?? 1, 1) : undefined,
    title: `${f.severity} ${f.ruleId}`,
  };
  const where = file === undefined ? ` (${f.file === STDIN ? `${STDIN}${f.line !== null ? `:${f.line}` : ''}` : t(f.subject)})` : '';
  return command(COMMAND[f.severity], props, `${t(f.message)}${where}\n\nWhy: ${t(f.rationale)}\nFix: ${t(f.remediation)}`);
}

const github: ReportFormatter = (report, { cwd }) => {
  const lines = currentFindings(report.findings).map((f) => annotation(f, cwd));
  for (const e of report.errors) {
    const file = fileOf(e.file, cwd);
    const props: Props = { file, line: e.line ?? undefined, col: e.line !== null ? e.column ?? undefined : undefined, title: 'caplint input error' };
    lines.push(command('error', props, file === undefined ? `${t(e.file)}: ${t(e.message)}` : t(e.message)));
  }
  const s = report.summary;
  lines.push(`caplint: ${s.findings} finding(s), ${s.errors} input error(s) in ${s.inputs} input(s); fail on ${s.failOn}: ${verdictOf(s)}`);
  return `${lines.join('\n')}\n`;
};

export default github;
