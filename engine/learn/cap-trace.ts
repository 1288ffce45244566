/**
 * Capabilities, from the kernel's capability:cap_capable tracepoint (Linux
 * 6.14+), in a tracefs instance of caplint's own. The event is enabled only
 * after the recorder has written the child's pid to the instance's
 * set_event_pid (with event-fork, its children and threads follow), and both
 * happen before the child's execve is answered: nothing of the command's is
 * missed and nothing else on the machine is traced. The buffer is drained
 * every 50 ms and counted per (capability, granted); lost events are read
 * from the per-CPU stats and reported.
 */
import { closeSync, constants, mkdirSync, openSync, readdirSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { capabilityName } from '../linux/capabilities.js';
import { openTracefs } from './tracefs.js';
import { EVENT, instanceName, removeInstance, sweepStaleInstances } from './trace-instances.js';
import type { Tracefs } from './tracefs.js';

export interface CapabilityChecks {
  /** Per capability name: how many checks were granted and denied. */
  readonly checks: ReadonlyMap<string, { granted: number; denied: number }>;
  /** Events the kernel dropped because the buffer was full: the list may be short. */
  readonly lost: number;
}

export interface CapTrace {
  /** For the recorder: the instance's set_event_pid and cap_capable/enable. Closed by finish(). */
  readonly pidFd: number;
  readonly enableFd: number;
  /** The checks, or why they could not be read. */
  finish(): CapabilityChecks | string;
  /** Removes the instance (and a private mount) without reading it. */
  abandon(): void;
}

const LINE = /cap_capable:.*\bcap (\d+), ret (-?\d+)/;

/** A trace ready for the recorder, or why there is none. */
export async function startCapTrace(): Promise<CapTrace | string> {
  if (process.getuid?.() !== 0) return 'tracing capability checks needs root (tracefs)';
  const name = instanceName();
  const fs = await openTracefs(name);
  if (typeof fs === 'string') return fs;
  sweepStaleInstances(fs.root);
  if (!readdirSafe(join(fs.root, EVENT))) {
    fs.release(true);
    return 'this kernel has no capability:cap_capable tracepoint (Linux 6.14 or newer with tracing)';
  }
  const dir = join(fs.root, 'instances', name);
  const fds: number[] = [];
  try {
    mkdirSync(dir);
    writeFileSync(join(dir, 'options', 'event-fork'), '1');
    writeFileSync(join(dir, 'buffer_size_kb'), '4096');
    const pidFd = openSync(join(dir, 'set_event_pid'), 'w');
    fds.push(pidFd);
    const enableFd = openSync(join(dir, EVENT, 'enable'), 'w');
    fds.push(enableFd);
    const pipe = openSync(join(dir, 'trace_pipe'), constants.O_RDONLY | constants.O_NONBLOCK);
    fds.push(pipe);
    return running(fs, dir, pidFd, enableFd, pipe, fds);
  } catch (error) {
    cleanUp(fs, dir, fds);
    return `setting up a tracefs instance failed (${error instanceof Error ? error.message : String(error)})`;
  }
}

function readdirSafe(path: string): boolean {
  try {
    readdirSync(path);
    return true;
  } catch {
    return false;
  }
}

/** The instance goes, then the holder (which removes it itself if caplint could not). */
function cleanUp(fs: Tracefs, dir: string, fds: number[]): void {
  for (const fd of fds.splice(0)) closeSync(fd);
  fs.release(fs.held() && removeInstance(dir));
}

function running(fs: Tracefs, dir: string, pidFd: number, enableFd: number, pipe: number, fds: number[]): CapTrace {
  const checks = new Map<string, { granted: number; denied: number }>();
  const buffer = Buffer.alloc(64 * 1024);
  let partial = '';
  const drain = () => {
    for (;;) {
      let n: number;
      try {
        n = readSync(pipe, buffer, 0, buffer.length, null);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') return;
        throw error;
      }
      if (n <= 0) return;
      const lines = (partial + buffer.toString('latin1', 0, n)).split('\n');
      partial = lines.pop()!;
      for (const line of lines) {
        const m = LINE.exec(line);
        if (!m) continue;
        const name = capabilityName(Number(m[1]));
        const entry = checks.get(name) ?? { granted: 0, denied: 0 };
        if (Number(m[2]) === 0) entry.granted++;
        else entry.denied++;
        checks.set(name, entry);
      }
    }
  };
  const timer = setInterval(drain, 50);
  timer.unref();
  return {
    pidFd,
    enableFd,
    finish() {
      clearInterval(timer);
      try {
        if (!fs.held()) throw new Error('its tracefs holder process ended during the run');
        writeFileSync(join(dir, EVENT, 'enable'), '0');
        drain();
        return { checks, lost: lostEvents(dir) };
      } catch (error) {
        return `the capability checks could not be read (${error instanceof Error ? error.message : String(error)})`;
      } finally {
        cleanUp(fs, dir, fds);
      }
    },
    abandon() {
      clearInterval(timer);
      cleanUp(fs, dir, fds);
    },
  };
}

function lostEvents(dir: string): number {
  let lost = 0;
  for (const cpu of readdirSync(join(dir, 'per_cpu'))) {
    const stats = readFileSync(join(dir, 'per_cpu', cpu, 'stats'), 'utf8');
    for (const m of stats.matchAll(/^(?:overrun|dropped events): (\d+)/gm)) lost += Number(m[1]);
  }
  return lost;
}
