/**
 * Bounded reads: every user-supplied file and standard input is read within
 * --max-bytes; devices and sockets are refused; a FIFO is read with a time
 * limit, so nothing a user (or an attacker) names can hang the run.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadRefused, readStdinBounded, readStream, readUserFile, readUserText } from '../../engine/inputs/bounded-read.js';
import { BIN, caplint } from '../helpers/cli.js';
import { HARDENED_PATH } from '../helpers/oci.js';

let dir: string;
const children: ChildProcess[] = [];
let server: Server | undefined;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'caplint-bounded-'));
});
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  server?.close();
  rmSync(dir, { recursive: true, force: true });
});

function fifo(name: string): string {
  const path = join(dir, name);
  expect(spawnSync('mkfifo', [path]).status).toBe(0);
  return path;
}

/** A shell that writes to `path` (in its own process: the read polls synchronously). */
function writer(script: string): ChildProcess {
  const child = spawn('sh', ['-c', script], { stdio: 'ignore' });
  children.push(child);
  return child;
}

function refusal(read: () => unknown): ReadRefused {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(ReadRefused);
    return error as ReadRefused;
  }
  throw new Error('the read was not refused');
}

describe('readUserFile', () => {
  it('reads a regular file whole', () => {
    const path = join(dir, 'small.json');
    writeFileSync(path, '{"a": 1}');
    expect(readUserText(path)).toBe('{"a": 1}');
  });

  it('refuses a regular file over the limit by its size', () => {
    const path = join(dir, 'big.json');
    writeFileSync(path, 'x'.repeat(2048));
    const error = refusal(() => readUserFile(path, { maxBytes: 1024 }));
    expect(error.reason).toBe('too-large');
    expect(error.message).toBe('the file is 0.0 MiB, over the 0.0 MiB limit for one input');
  });

  it('refuses /dev/zero and /dev/urandom without reading them', () => {
    for (const device of ['/dev/zero', '/dev/urandom']) {
      const error = refusal(() => readUserFile(device));
      expect(error.reason).toBe('not-a-file');
      expect(error.message).toBe('it is a character device, not a file (caplint reads regular files, pipes and FIFOs)');
    }
  });

  it('refuses a unix socket with one sentence', async () => {
    const path = join(dir, 'sock');
    server = createServer();
    await new Promise<void>((resolve) => server!.listen(path, resolve));
    const error = refusal(() => readUserFile(path));
    expect(error.message).toBe('it is a socket, not a file (caplint reads regular files, pipes and FIFOs)');
  });

  it('reads a FIFO whose writer comes later, to its end', () => {
    const path = fifo('late');
    writer(`sleep 0.2; printf '{"ociVersion": "1.0.2"}' > '${path}'`);
    expect(readUserText(path, { timeoutMs: 5000 })).toBe('{"ociVersion": "1.0.2"}');
  });

  it('gives up on a FIFO nobody writes to, at the time limit', () => {
    const path = fifo('silent');
    const started = Date.now();
    const error = refusal(() => readUserFile(path, { timeoutMs: 300 }));
    expect(error.reason).toBe('timeout');
    expect(error.message).toBe('nothing arrived within 0.3 s (a FIFO or pipe nobody writes to?)');
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it('stops an endless FIFO at the byte limit', () => {
    const path = fifo('endless');
    writer(`exec cat /dev/zero > '${path}'`);
    const error = refusal(() => readUserFile(path, { maxBytes: 1 << 20, timeoutMs: 20_000 }));
    expect(error.reason).toBe('too-large');
  });
});

describe('standard input', () => {
  it('refuses a device on standard input', async () => {
    const fd = openSync('/dev/zero', 'r');
    try {
      await expect(readStdinBounded({}, Readable.from([]), fd)).rejects.toThrow('standard input is a character device, not a file or a pipe');
    } finally {
      closeSync(fd);
    }
  });

  it('a stream past the byte limit is cut off, and one that never ends times out', async () => {
    const endless = new Readable({ read() { this.push(Buffer.alloc(65536)); } });
    await expect(readStream(endless, 1 << 20)).rejects.toThrow('more than 1.0 MiB arrived, over the limit for one input');
    const silent = new Readable({ read() {} });
    await expect(readStream(silent, 1 << 20, 100)).rejects.toThrow('nothing arrived within 0.1 s');
    expect(await readStream(Readable.from([Buffer.from('ab'), Buffer.from('c')]), 10)).toEqual(Buffer.from('abc'));
  });

  it('caplint audit - </dev/zero is refused at once, and a pipe is bounded by --max-bytes', () => {
    const zero = openSync('/dev/zero', 'r');
    try {
      const ran = spawnSync(process.execPath, [BIN, 'audit', '-'], { stdio: [zero, 'pipe', 'pipe'], encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 20_000 });
      expect(ran.status).toBe(2);
      expect(ran.stdout).toContain('<stdin>  error  cannot read: standard input is a character device, not a file or a pipe');
    } finally {
      closeSync(zero);
    }
    const piped = spawnSync('sh', ['-c', `head -c 3000000 /dev/zero | '${process.execPath}' '${BIN}' audit --max-bytes 1000000 - '${HARDENED_PATH}'`], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 20_000 });
    expect(piped.status).toBe(2);
    expect(piped.stdout).toContain('<stdin>  error  more than 1.0 MiB arrived, over the limit for one input (raise it with --max-bytes)');
    expect(piped.stdout).toContain('1 subject in 2 inputs');
  });
});

describe('every user-supplied file goes through the bound', () => {
  it.each([
    [['audit', '--config', '/dev/zero', HARDENED_PATH], 'caplint: /dev/zero: cannot read the config file: it is a character device'],
    [['audit', '--policy', '/dev/zero', HARDENED_PATH], 'cannot read the profile: it is a character device'],
    [['seccomp', 'explain', '/dev/zero'], 'cannot read the profile: it is a character device'],
  ])('%j is refused with one sentence', async (args, message) => {
    const { code, stdout, stderr } = await caplint(args as string[]);
    expect(code).toBe(2);
    expect(stdout + stderr).toContain(message);
  });

  it.each([
    ['--profile', 'cannot read the profile: it is a character device'],
    ['--config', 'cannot read the OCI config: it is a character device'],
    ['--seccomp', 'cannot read the seccomp profile: it is a character device'],
  ])('caplint run %s /dev/zero runs nothing and exits 125', async (flag, message) => {
    const { code, stderr } = await caplint(['run', flag, '/dev/zero', '--', 'true']);
    expect(code).toBe(125);
    expect(stderr).toBe(`caplint run: /dev/zero: ${message}, not a file (caplint reads regular files, pipes and FIFOs); nothing was run\n`);
  });
});
