/**
 * A progress bar on stderr for long audits: drawn only when the stream is a
 * terminal and there are more than a few hundred inputs, redrawn at most every
 * `intervalMs`, and erased when done so the report that follows starts clean.
 */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(chunk: string): unknown;
}

export interface ProgressOptions {
  /** Where to draw; process.stderr by default. */
  readonly stream?: ProgressStream;
  /** Drawn only for more inputs than this. */
  readonly threshold?: number;
  readonly label?: string;
  readonly intervalMs?: number;
  readonly now?: () => number;
}

export interface Progress {
  /** Whether anything is drawn at all. */
  readonly visible: boolean;
  tick(count?: number): void;
  done(): void;
}

export const DEFAULT_THRESHOLD = 300;
const ERASE_LINE = '\r\u001b[2K';

/** One frame: `label [#####-----] 120/500  24%`, fitted to `columns`. */
export function progressLine(label: string, done: number, total: number, columns: number): string {
  const fraction = total > 0 ? Math.min(done / total, 1) : 1;
  const counts = ` ${String(done).padStart(String(total).length)}/${total} ${String(Math.floor(fraction * 100)).padStart(3)}%`;
  const room = columns - 1 - label.length - counts.length - 3;
  if (room < 10) return `${label}${counts}`.slice(0, Math.max(columns - 1, 0));
  const width = Math.min(room, 40);
  const filled = Math.round(fraction * width);
  return `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}]${counts}`;
}

export function createProgress(total: number, options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const visible = stream.isTTY === true && total > (options.threshold ?? DEFAULT_THRESHOLD);
  const now = options.now ?? Date.now;
  const interval = options.intervalMs ?? 100;
  const label = options.label ?? 'caplint audit';
  let count = 0;
  let drawnAt = -Infinity;
  let finished = false;

  const draw = () => {
    drawnAt = now();
    stream.write(`\r${progressLine(label, count, total, stream.columns ?? 80)}`);
  };

  return {
    visible,
    tick(step = 1) {
      if (finished) return;
      count = Math.min(count + step, total);
      if (visible && (count === total || now() - drawnAt >= interval)) draw();
    },
    done() {
      if (finished) return;
      finished = true;
      if (visible && drawnAt !== -Infinity) stream.write(ERASE_LINE);
    },
  };
}
