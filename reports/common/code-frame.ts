/** The source lines around a finding, for formats that show a code frame. */
import type { Finding } from '../../engine/model/finding.js';

import { terminalSafe } from './terminal.js';

export interface FrameLine {
  readonly number: number;
  readonly text: string;
  /** Inside the finding's span. */
  readonly marked: boolean;
  /** 0-based [from, to) columns of `text` to underline, on a one-line span only. */
  readonly underline?: readonly [number, number];
}

const BEFORE = 2;
const AFTER = 1;
const MAX_MARKED = 6;
/** Widest line shown; longer lines (a minified config.json) are clipped around the finding's column. */
export const FRAME_WIDTH = 160;
/** Columns kept before the span on a clipped line. */
const LEAD = 40;
const ELLIPSIS = '…';

/** The last source split into lines: findings come sorted by file, so one entry serves a whole file. */
let cached: { source: string; lines: string[] } | undefined;

function linesOf(source: string): string[] {
  if (cached?.source !== source) cached = { source, lines: source.split(/\r?\n/) };
  return cached.lines;
}

/**
 * Empty when the finding has no line or its source text is not in the report.
 * `maxMarked` caps the lines shown of a multi-line span (a terminal shows one:
 * the line where the object that lacks a field opens, underlined to its end).
 */
export function codeFrame(source: string | undefined, finding: Finding, maxMarked = MAX_MARKED): FrameLine[] {
  if (source === undefined || finding.line === null) return [];
  const lines = linesOf(source);
  const start = Math.min(Math.max(finding.line, 1), lines.length);
  const end = Math.min(Math.max(finding.endLine ?? start, start), start + maxMarked - 1, lines.length);
  const column = Math.max((finding.column ?? 1) - 1, 0);
  const frame: FrameLine[] = [];
  for (let n = Math.max(1, start - BEFORE); n <= Math.min(lines.length, end + AFTER); n++) {
    const text = lines[n - 1]!;
    const marked = n >= start && n <= end;
    frame.push(clip({ number: n, text, marked, ...(marked && start === end ? { underline: underline(text, finding) } : {}) }, column));
  }
  return frame;
}

function underline(text: string, finding: Finding): [number, number] {
  const from = Math.min(Math.max((finding.column ?? 1) - 1, 0), text.length);
  const sameLine = finding.endLine === null || finding.endLine === finding.line;
  const to = sameLine && finding.endColumn !== null ? finding.endColumn - 1 : text.length;
  return [from, Math.max(Math.min(to, text.length), from + 1)];
}

/** A line no wider than FRAME_WIDTH: a window from a little before the finding's column, with … where text was cut. */
function clip(line: FrameLine, column: number): FrameLine {
  if (line.text.length <= FRAME_WIDTH) return line;
  const from = Math.max(0, Math.min((line.underline?.[0] ?? column) - LEAD, line.text.length - FRAME_WIDTH + 1));
  const head = from > 0 ? ELLIPSIS : '';
  const room = FRAME_WIDTH - head.length;
  const cutEnd = from + room < line.text.length;
  const body = line.text.slice(from, cutEnd ? from + room - 1 : from + room);
  const text = `${head}${body}${cutEnd ? ELLIPSIS : ''}`;
  if (!line.underline) return { ...line, text };
  const shift = head.length - from;
  const last = head.length + body.length;
  const a = Math.min(Math.max(line.underline[0] + shift, head.length), last);
  const b = Math.min(Math.max(line.underline[1] + shift, a + 1), cutEnd ? last + 1 : last);
  return { ...line, text, underline: [a, Math.max(b, a + 1)] };
}

/** The frame as plain text: `> 41 | text` and a `^^^` line under a one-line span. */
export function frameText(frame: readonly FrameLine[]): string {
  const width = String(frame[frame.length - 1]?.number ?? 0).length;
  const out: string[] = [];
  for (const line of frame) {
    out.push(`${line.marked ? '>' : ' '} ${String(line.number).padStart(width)} | ${terminalSafe(line.text)}`);
    if (line.underline) {
      const [from, to] = line.underline;
      out.push(`  ${' '.repeat(width)} | ${' '.repeat(from)}${'^'.repeat(to - from)}`);
    }
  }
  return out.join('\n');
}
