/** What a command may touch of the outside world; tests pass their own. */
import { readStdinBounded } from '../inputs/bounded-read.js';
import type { ReadLimits } from '../inputs/bounded-read.js';
import { fdWriter, isTerminal, terminalColumns } from './fd-output.js';

export interface Io {
  readonly argv0: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  readonly stdoutColumns?: number;
  write(text: string): void;
  error(text: string): void;
  /** Standard input as text, within the limits (bounded-read.ts); refused when it is a device. */
  readStdin(limits?: ReadLimits): Promise<string>;
}

/** The real process's Io: terminal checks happen when a command asks, and writes go straight to the descriptors (fd-output.ts). */
export function processIo(): Io {
  return {
    argv0: 'caplint',
    cwd: process.cwd(),
    env: process.env,
    get stdoutIsTTY() {
      return isTerminal(1);
    },
    get stderrIsTTY() {
      return isTerminal(2);
    },
    get stdoutColumns() {
      return terminalColumns(1);
    },
    write: fdWriter(1, 'standard output'),
    error: fdWriter(2, 'standard error'),
    readStdin: async (limits) => (await readStdinBounded(limits)).toString('utf8'),
  };
}

/** Colour on a TTY unless NO_COLOR is set (https://no-color.org); FORCE_COLOR forces it. */
export function wantsColor(io: Io, stream: 'stdout' | 'stderr' = 'stdout'): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return stream === 'stdout' ? io.stdoutIsTTY : io.stderrIsTTY;
}
