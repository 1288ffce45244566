/**
 * Standard output and error written with write(2) on the descriptor, and
 * terminal detection by fstat(2): a pipe or a file gets no stream object, so
 * a run whose output is captured (CI, pre-commit, `| jq`) never loads Node's
 * net, stream and tty modules. process.stdout and process.stderr are built
 * only for a descriptor that may be a terminal, or when a write would block
 * (a non-blocking descriptor inherited from the parent), and from then on
 * every write of that descriptor goes through the stream, in order.
 */
import { fstatSync, writeSync } from 'node:fs';

/** Linux's major number of the memory devices (/dev/null, /dev/zero, /dev/full, /dev/urandom): never a terminal. */
const MEMORY_DEVICES = 1;

type Stdio = 1 | 2;

function stream(fd: Stdio): NodeJS.WriteStream {
  return fd === 1 ? process.stdout : process.stderr;
}

/** False when fstat(2) shows `fd` is no terminal (closed, a pipe, a file, /dev/null); true when it may be one. */
export function mayBeTerminal(fd: number): boolean {
  let info;
  try {
    info = fstatSync(fd);
  } catch {
    return false;
  }
  return info.isCharacterDevice() && Math.floor(info.rdev / 256) % 4096 !== MEMORY_DEVICES;
}

/** True when `fd` is a terminal; tty.isatty (through the stream) is asked only for a character device that may be one. */
export function isTerminal(fd: Stdio): boolean {
  return mayBeTerminal(fd) && stream(fd).isTTY === true;
}

/** The terminal's width, when `fd` is a terminal that reports one. */
export function terminalColumns(fd: Stdio): number | undefined {
  return isTerminal(fd) ? stream(fd).columns || undefined : undefined;
}

/**
 * A writer that stops when the reader goes away: `caplint rules | head -1`
 * closes the pipe, and EPIPE ends the output quietly (the exit code is still
 * the one the command earned). Any other write error is said once on
 * standard error and makes the exit code 2.
 */
export function fdWriter(fd: Stdio, name: string): (text: string) => void {
  let open = true;
  let viaStream = false;
  const fail = (error: NodeJS.ErrnoException) => {
    if (!open) return;
    open = false;
    if (error.code === 'EPIPE') return;
    if (fd !== 2) writeQuietly(`caplint: cannot write to ${name}: ${error.message}\n`);
    process.exitCode = 2;
  };
  const toStream = (bytes: Uint8Array) => {
    if (!viaStream) stream(fd).on('error', fail);
    viaStream = true;
    stream(fd).write(bytes);
  };
  return (text) => {
    if (!open || text === '') return;
    const bytes = Buffer.from(text, 'utf8');
    if (viaStream) return toStream(bytes);
    for (let done = 0; done < bytes.length;) {
      try {
        done += writeSync(fd, bytes, done);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') return toStream(bytes.subarray(done));
        return fail(error as NodeJS.ErrnoException);
      }
    }
  };
}

function writeQuietly(text: string): void {
  try {
    writeSync(2, text);
  } catch {
    // standard error is gone too: nothing left to tell
  }
}
