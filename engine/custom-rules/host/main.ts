/**
 * The rule host: a separate Node process that runs custom rules (bundled as
 * dist/rule-host.js). It reads frames on fd 0 and answers on fd 1, one at a
 * time. The first frame says how to confine itself; it does so before any
 * rule code is evaluated, reports the boundary, then loads the rule files.
 * caplint kills and restarts it when a call runs too long or it grows too
 * large; on end of input it exits.
 */
import { readSync, writeSync } from 'node:fs';
import { FrameReader, encodeFrame } from '../protocol.js';
import type { CheckRequest, InitRequest } from '../protocol.js';
import type { Boundary } from '../boundary.js';
import { checkPermissionModel, confineWithAddon } from './confine.js';
import { RuleFiles } from './serve.js';

const reader = new FrameReader();
const queue: string[] = [];
const chunk = Buffer.alloc(1 << 20);
const pause = new Int32Array(new SharedArrayBuffer(4));

function next(): unknown {
  while (queue.length === 0) {
    let n: number;
    try {
      n = readSync(0, chunk, 0, chunk.length, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 2);
        continue;
      }
      throw error;
    }
    if (n === 0) process.exit(0);
    queue.push(...reader.push(Buffer.from(chunk.subarray(0, n))));
  }
  return JSON.parse(queue.shift()!);
}

function send(message: unknown): void {
  const frame = encodeFrame(message);
  for (let off = 0; off < frame.length; ) {
    try {
      off += writeSync(1, frame, off);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(pause, 0, 0, 2);
    }
  }
}

const init = next() as InitRequest;
let boundary: Boundary;
try {
  boundary = init.mode === 'os' ? confineWithAddon(init) : checkPermissionModel();
} catch (error) {
  send({ op: 'ready', ok: false, reason: error instanceof Error ? error.message.split('\n')[0] : String(error) });
  process.exit(0);
}
send({ op: 'ready', ok: true, boundary });
const files = new RuleFiles(init);
send({ op: 'loaded', files: files.load() });
for (;;) {
  const request = next() as CheckRequest;
  send({ op: 'checked', outcomes: files.check(request) });
}
