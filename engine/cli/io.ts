/** What a command may touch of the outside world; tests pass their own. */
import { readStdinBounded } from '../inputs/bounded-read.js';
import type { ReadLimits } from '../inputs/bounded-read.js';

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

export function processIo(): Io {
  const write = quietOnClose(process.stdout, 'standard output');
  const error = quietOnClose(process.stderr, 'standard error');
  return {
    argv0: 'caplint',
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    ...(process.stdout.columns ? { stdoutColumns: process.stdout.columns } : {}),
    write,
    error,
    readStdin: async (limits) => (await readStdinBounded(limits)).toString('utf8'),
  };
}

/** Colour on a TTY unless NO_COLOR is set (https://no-color.org); FORCE_COLOR forces it. */
export function wantsColor(io: Io, stream: 'stdout' | 'stderr' = 'stdout'): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return stream === 'stdout' ? io.stdoutIsTTY : io.stderrIsTTY;
}

/**
 * Writes that stop when the reader goes away: `caplint rules | head -1`
 * closes the pipe, and EPIPE ends the output quietly (the exit code is still
 * the one the command earned). Any other write error is said once on stderr.
 */
function quietOnClose(stream: NodeJS.WriteStream, name: string): (text: string) => void {
  let open = true;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (!open) return;
    open = false;
    if (error.code !== 'EPIPE' && stream !== process.stderr) process.stderr.write(`caplint: cannot write to ${name}: ${error.message}\n`);
    if (error.code !== 'EPIPE') process.exitCode = 2;
  });
  return (text) => {
    if (open) stream.write(text);
  };
}
