/**
 * Bounded reads: every read of a user-supplied file or of standard input
 * goes through this module (audit inputs, --config, --policy, --baseline,
 * --rule-file, run's --profile/--seccomp/--config, seccomp PROFILE, Localhost
 * profiles).
 *
 * - a regular file is read up to `maxBytes` (its size is checked first, and
 *   the read stops there even if it grows);
 * - a FIFO is read with the same bound and a time limit, opened without
 *   blocking so a FIFO nobody writes to cannot hang the run;
 * - devices, sockets and directories are refused with one clause.
 *
 * Refusals are ReadRefused errors (engine/errors.ts), whose message reads
 * after "cannot read X: " and which describeFsError passes through.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { ReadRefused } from '../errors.js';

export { ReadRefused } from '../errors.js';

/** The default limit for one input (`caplint audit --max-bytes`). */
export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;
/** How long a FIFO named on the command line may take to deliver all of its text. */
export const FIFO_TIME_LIMIT_MS = 10_000;
/** How long a pipe or socket on standard input may take (a generator such as kubectl may be slow). */
export const STDIN_TIME_LIMIT_MS = 60_000;

export interface ReadLimits {
  readonly maxBytes?: number;
  readonly timeoutMs?: number;
}

const CHUNK = 1024 * 1024;

/** The bytes of a user-supplied file, bounded; throws ReadRefused or the fs error. */
export function readUserFile(path: string, limits: ReadLimits = {}): Buffer {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  // Refuse devices before opening them: opening some (tapes, watchdogs) acts on the hardware.
  refuseUnlessReadable(statSync(path));
  // O_NONBLOCK: a FIFO with no writer opens at once instead of blocking; regular files ignore it.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  try {
    const info = fstatSync(fd);
    refuseUnlessReadable(info);
    if (info.isFile() && info.size > maxBytes) throw tooLarge(info.size, maxBytes);
    const limitMs = limits.timeoutMs ?? FIFO_TIME_LIMIT_MS;
    return readAll(fd, maxBytes, info.isFIFO() ? limitMs : undefined, info.isFile() ? info.size + 1 : CHUNK);
  } finally {
    closeSync(fd);
  }
}

/** A user-supplied file as UTF-8 text, bounded. */
export function readUserText(path: string, limits: ReadLimits = {}): string {
  return readUserFile(path, limits).toString('utf8');
}

/**
 * Standard input, bounded: a redirected file like a file; a pipe or socket
 * with the byte bound and STDIN_TIME_LIMIT_MS; a terminal with the bound
 * alone; any other device (`- </dev/zero`) refused.
 */
export async function readStdinBounded(limits: ReadLimits = {}, stdin: NodeJS.ReadableStream = process.stdin, fd = 0): Promise<Buffer> {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  const info = fstatSync(fd);
  if (info.isFile()) {
    if (info.size > maxBytes) throw tooLarge(info.size, maxBytes);
    return readAll(fd, maxBytes, undefined, info.size + 1);
  }
  // node:tty (and with it net and streams) loads only for a character device.
  const terminal = info.isCharacterDevice() && (await import('node:tty')).isatty(fd);
  if (!terminal && !info.isFIFO() && !info.isSocket()) throw new ReadRefused(`standard input is ${kindOf(info)}, not a file or a pipe (caplint reads regular files, pipes and FIFOs)`, 'not-a-file');
  return readStream(stdin, maxBytes, terminal ? undefined : limits.timeoutMs ?? STDIN_TIME_LIMIT_MS);
}

/** A stream read to its end, stopped (and destroyed) past `maxBytes` or `timeoutMs`. */
export function readStream(stream: NodeJS.ReadableStream, maxBytes: number, timeoutMs?: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const finish = (error?: Error) => {
      clearTimeout(timer);
      stream.off('data', onData).off('end', onEnd).off('error', onError);
      if (!error) return resolve(Buffer.concat(chunks, total));
      (stream as { destroy?: () => void }).destroy?.();
      reject(error);
    };
    const onData = (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      total += bytes.length;
      if (total > maxBytes) finish(new ReadRefused(`more than ${mib(maxBytes)} arrived, over the limit for one input`, 'too-large'));
      else chunks.push(bytes);
    };
    const onEnd = () => finish();
    const onError = (error: Error) => finish(error);
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => finish(timedOut(total, timeoutMs)), timeoutMs);
    stream.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

/** Read to the end; with `limitMs` (a FIFO opened O_NONBLOCK), poll until the end or the deadline. */
function readAll(fd: number, maxBytes: number, limitMs: number | undefined, firstChunk: number): Buffer {
  const deadline = limitMs === undefined ? undefined : Date.now() + limitMs;
  const chunks: Buffer[] = [];
  let total = 0;
  for (let size = Math.min(Math.max(firstChunk, 4096), CHUNK, maxBytes + 1); ;) {
    const chunk = Buffer.allocUnsafe(size);
    let n: number;
    try {
      n = readSync(fd, chunk, 0, size, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN' || deadline === undefined) throw error;
      n = -1;
    }
    if (n > 0) {
      total += n;
      if (total > maxBytes) throw new ReadRefused(`more than ${mib(maxBytes)} arrived, over the limit for one input`, 'too-large');
      chunks.push(n === size ? chunk : chunk.subarray(0, n));
      size = CHUNK;
      continue;
    }
    // 0 is the end, except on a FIFO that has had no writer yet (it reads as empty until one opens it).
    if (n === 0 && (deadline === undefined || total > 0)) return Buffer.concat(chunks, total);
    if (Date.now() >= deadline!) throw timedOut(total, limitMs!);
    sleep(n === 0 ? 20 : 2);
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function refuseUnlessReadable(info: Stats): void {
  if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  if (!info.isFile() && !info.isFIFO()) throw new ReadRefused(`it is ${kindOf(info)}, not a file (caplint reads regular files, pipes and FIFOs)`, 'not-a-file');
}

function kindOf(info: Stats): string {
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

function tooLarge(size: number, maxBytes: number): ReadRefused {
  return new ReadRefused(`the file is ${mib(size)}, over the ${mib(maxBytes)} limit for one input`, 'too-large');
}

function timedOut(total: number, limitMs: number): ReadRefused {
  const limit = `${limitMs / 1000} s`;
  return new ReadRefused(total === 0 ? `nothing arrived within ${limit} (a FIFO or pipe nobody writes to?)` : `it was still sending after ${limit} (${total} bytes so far)`, 'timeout');
}

export function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
