/**
 * One rule host process, seen from the audit process: started with
 * child_process.spawn, spoken to in frames, and killed when a call runs past
 * its deadline or the process grows past its memory limit. Replies are only
 * ever JSON text here; their shape is checked by the caller.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { FrameReader, encodeFrame } from './protocol.js';
import type { HostRequest } from './protocol.js';

export type HostMode = 'os' | 'permission';

/** Why a call got no reply. */
export type HostDeath =
  | { readonly kind: 'timeout'; readonly ms: number }
  | { readonly kind: 'memory'; readonly bytes: number }
  | { readonly kind: 'exited'; readonly code: number | null; readonly signal: string | null }
  | { readonly kind: 'protocol'; readonly detail: string };

export type Reply = { readonly ok: unknown } | { readonly death: HostDeath };

export interface HostLimits {
  /** Resident memory the parent allows the host, in bytes. */
  readonly memoryBytes: number;
  /** V8 heap limit, in MiB. */
  readonly heapMiB: number;
}

/** Node's flag for the permission model, or null where this Node has none. */
export function permissionFlag(): string | null {
  const flags = process.allowedNodeEnvironmentFlags;
  if (flags.has('--permission')) return '--permission';
  if (flags.has('--experimental-permission')) return '--experimental-permission';
  return null;
}

function nodeArgs(entry: string, mode: HostMode, limits: HostLimits): string[] {
  const common = [`--max-old-space-size=${limits.heapMiB}`, '--disallow-code-generation-from-strings', '--no-warnings'];
  if (mode === 'os') return [...common, entry];
  return [...common, permissionFlag()!, `--allow-fs-read=${entry}`, '--no-addons', entry];
}

function residentBytes(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export class HostProcess {
  private readonly child: ChildProcessByStdio<Writable, Readable, null>;
  private readonly reader = new FrameReader();
  private readonly frames: string[] = [];
  private waiter: ((reply: Reply) => void) | undefined;
  private ended: HostDeath | undefined;

  constructor(entry: string, readonly mode: HostMode, private readonly limits: HostLimits, debug: boolean) {
    this.child = spawn(process.execPath, nodeArgs(entry, mode, limits), {
      cwd: '/',
      env: {},
      stdio: ['pipe', 'pipe', debug ? 'inherit' : 'ignore'],
      windowsHide: true,
    }) as ChildProcessByStdio<Writable, Readable, null>;
    this.child.stdin.on('error', () => undefined);
    this.child.stdout.on('data', (chunk: Buffer) => {
      try {
        this.frames.push(...this.reader.push(chunk));
      } catch (error) {
        return this.end({ kind: 'protocol', detail: (error as Error).message });
      }
      this.deliver();
    });
    this.child.on('close', (code, signal) => this.end({ kind: 'exited', code, signal }));
    this.child.on('error', (error) => this.end({ kind: 'protocol', detail: error.message }));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Sends a request (or nothing) and waits for the next frame, at most deadlineMs. */
  call(request: HostRequest | null, deadlineMs: number): Promise<Reply> {
    if (this.ended) return Promise.resolve({ death: this.ended });
    if (request) this.child.stdin.write(encodeFrame(request));
    return this.receive(deadlineMs);
  }

  private receive(deadlineMs: number): Promise<Reply> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.end({ kind: 'timeout', ms: deadlineMs }), deadlineMs);
      const watch = process.platform === 'linux' ? setInterval(() => this.watchMemory(), 20) : undefined;
      this.waiter = (reply) => {
        clearTimeout(timer);
        if (watch) clearInterval(watch);
        resolve(reply);
      };
      this.deliver();
    });
  }

  private watchMemory(): void {
    const pid = this.child.pid;
    const rss = pid === undefined ? null : residentBytes(pid);
    if (rss !== null && rss > this.limits.memoryBytes) this.end({ kind: 'memory', bytes: this.limits.memoryBytes });
  }

  private deliver(): void {
    const waiter = this.waiter;
    if (!waiter) return;
    if (this.frames.length) {
      this.waiter = undefined;
      let parsed: unknown;
      try {
        parsed = JSON.parse(this.frames.shift()!);
      } catch {
        this.end({ kind: 'protocol', detail: 'a reply that is not JSON' });
        return waiter({ death: this.ended! });
      }
      waiter({ ok: parsed });
    } else if (this.ended) {
      this.waiter = undefined;
      waiter({ death: this.ended });
    }
  }

  private end(death: HostDeath): void {
    if (!this.ended) {
      this.ended = death;
      this.child.kill('SIGKILL');
    }
    this.deliver();
  }

  /** Ends the host: closes its input (it exits on end of input) and kills it in case it does not. */
  close(): void {
    this.ended ??= { kind: 'exited', code: 0, signal: null };
    this.child.stdin.end();
    this.child.kill('SIGKILL');
    this.child.stdout.destroy();
  }
}
