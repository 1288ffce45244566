/**
 * A text table fitted to a terminal width: columns take their natural width,
 * and while the line is too long the shrinkable ones give up characters, one
 * column after the other in the order given, down to their minimum, cut
 * with `…`; when even the minimums are too wide, columns that may be left
 * out are, in their order. `wide` keeps every cell whole. Cells are single-line text,
 * already made safe to print.
 */

export interface Column {
  readonly title: string;
  /** Narrowest the column may become (0: never shrinks). */
  readonly min?: number;
  /** Lower shrinks first. */
  readonly shrinkOrder?: number;
  readonly align?: 'left' | 'right';
  /** When even the minimums do not fit, columns with this set are left out, lowest first. */
  readonly dropOrder?: number;
}

const GAP = 2;

export function fitTable(columns: readonly Column[], rows: readonly (readonly string[])[], width: number, wide = false): string {
  let keep = columns.map((_, i) => i);
  let widths = natural(columns, rows);
  if (!wide) {
    const droppable = columns.map((c, i) => ({ c, i })).filter(({ c }) => c.dropOrder !== undefined).sort((a, b) => a.c.dropOrder! - b.c.dropOrder!);
    for (;;) {
      const over = shrink(keep.map((i) => columns[i]!), keep.map((i) => widths[i]!), width);
      if (over.left <= 0 || droppable.length === 0) {
        widths = columns.map((_, i) => (keep.includes(i) ? over.widths[keep.indexOf(i)]! : 0));
        break;
      }
      const dropped = droppable.shift()!.i;
      keep = keep.filter((i) => i !== dropped);
    }
  }
  const line = (cells: readonly string[]) => keep.map((i) => fit(cells[i]!, widths[i]!, columns[i]!.align)).join(' '.repeat(GAP)).trimEnd();
  return `${[line(columns.map((c) => c.title)), ...rows.map(line)].join('\n')}\n`;
}

function natural(columns: readonly Column[], rows: readonly (readonly string[])[]): number[] {
  return columns.map((c, i) => Math.max(c.title.length, ...rows.map((r) => r[i]!.length)));
}

/** In shrink order: each shrinkable column gives what it can, down to its minimum, before the next one gives. */
function shrink(columns: readonly Column[], start: readonly number[], width: number): { widths: number[]; left: number } {
  const widths = [...start];
  const order = columns.map((c, i) => ({ c, i })).filter(({ c }) => c.min).sort((a, b) => (a.c.shrinkOrder ?? 0) - (b.c.shrinkOrder ?? 0));
  let over = widths.reduce((a, b) => a + b, 0) + GAP * (columns.length - 1) - width;
  for (const { c, i } of order) {
    if (over <= 0) break;
    const give = Math.min(over, widths[i]! - Math.max(c.min!, c.title.length));
    if (give <= 0) continue;
    widths[i]! -= give;
    over -= give;
  }
  return { widths, left: over };
}

function fit(text: string, width: number, align: Column['align']): string {
  if (text.length > width) return `${text.slice(0, Math.max(0, width - 1))}…`;
  return align === 'right' ? text.padStart(width) : text.padEnd(width);
}

/** The width to fit: the terminal's when stdout is one, else $COLUMNS, else 100. */
export function tableWidth(columns: number | undefined, env: Readonly<Record<string, string | undefined>>): number {
  if (columns && columns > 0) return columns;
  const fromEnv = Number(env.COLUMNS);
  return Number.isInteger(fromEnv) && fromEnv > 20 ? fromEnv : 100;
}
