/** The source lines around a finding, for formats that show a code frame. */
import type { Finding } from '../../engine/model/finding.js';

export interface FrameLine {
  readonly number: number;
  readonly text: string;
  /** Inside the finding's span. */
  readonly marked: boolean;
  /** 0-based [from, to) columns to underline, on a one-line span only. */
  readonly underline?: readonly [number, number];
}

const BEFORE = 2;
const AFTER = 1;
const MAX_MARKED = 6;

/**
 * Empty when the finding has no line or its source text is not in the report.
 * `maxMarked` caps the lines shown of a multi-line span (a terminal shows one:
 * the line where the object that lacks a field opens, underlined to its end).
 */
export function codeFrame(source: string | undefined, finding: Finding, maxMarked = MAX_MARKED): FrameLine[] {
  if (source === undefined || finding.line === null) return [];
  const lines = source.split(/\r?\n/);
  const start = Math.min(Math.max(finding.line, 1), lines.length);
  const end = Math.min(Math.max(finding.endLine ?? start, start), start + maxMarked - 1, lines.length);
  const frame: FrameLine[] = [];
  for (let n = Math.max(1, start - BEFORE); n <= Math.min(lines.length, end + AFTER); n++) {
    const text = lines[n - 1]!;
    const marked = n >= start && n <= end;
    const line: FrameLine = { number: n, text, marked };
    frame.push(marked && start === end ? { ...line, underline: underline(text, finding) } : line);
  }
  return frame;
}

function underline(text: string, finding: Finding): [number, number] {
  const from = Math.min(Math.max((finding.column ?? 1) - 1, 0), text.length);
  const sameLine = finding.endLine === null || finding.endLine === finding.line;
  const to = sameLine && finding.endColumn !== null ? finding.endColumn - 1 : text.length;
  return [from, Math.max(Math.min(to, text.length), from + 1)];
}

/** The frame as plain text: `> 41 | text` and a `^^^` line under a one-line span. */
export function frameText(frame: readonly FrameLine[]): string {
  const width = String(frame[frame.length - 1]?.number ?? 0).length;
  const out: string[] = [];
  for (const line of frame) {
    out.push(`${line.marked ? '>' : ' '} ${String(line.number).padStart(width)} | ${line.text}`);
    if (line.underline) {
      const [from, to] = line.underline;
      out.push(`  ${' '.repeat(width)} | ${' '.repeat(from)}${'^'.repeat(to - from)}`);
    }
  }
  return out.join('\n');
}
