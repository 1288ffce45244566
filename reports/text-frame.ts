/** A code frame: two lines of context and a caret line under the span. */
export interface FrameSpan {
  readonly line: number;
  readonly column: number;
  readonly endLine: number | null;
  readonly endColumn: number | null;
}

export interface FrameStyle {
  readonly dim: (s: string) => string;
  readonly mark: (s: string) => string;
}

export function codeFrame(source: string, span: FrameSpan, style: FrameStyle, context = 1): string[] {
  const lines = source.split('\n');
  const first = Math.max(1, span.line - context);
  const last = Math.min(lines.length, span.line + (span.endLine !== null && span.endLine > span.line ? 0 : context));
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = (lines[n - 1] ?? '').replace(/\r$/, '').replace(/\t/g, ' ');
    const gutter = `${n === span.line ? '>' : ' '} ${String(n).padStart(width)} |`;
    out.push(`  ${n === span.line ? style.mark(gutter) : style.dim(gutter)} ${clip(text)}`);
    if (n === span.line) {
      const start = Math.max(1, span.column);
      const end = span.endLine === span.line && span.endColumn !== null ? span.endColumn : text.trimEnd().length + 1;
      const length = Math.max(1, Math.min(end, 120) - start);
      out.push(`  ${style.dim(`  ${' '.repeat(width)} |`)} ${' '.repeat(start - 1)}${style.mark('^'.repeat(length))}`);
    }
  }
  return out;
}

function clip(text: string): string {
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}
