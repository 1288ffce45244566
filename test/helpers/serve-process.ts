/** `caplint serve` as a real process: started, its port read from stderr, stopped with SIGTERM. */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { BIN } from './cli.js';

export interface Served {
  readonly child: ChildProcess;
  readonly port: number;
  stdout(): string;
  stderr(): string;
  /** Resolves when `pattern` shows in stderr (or rejects after `ms`). */
  waitFor(pattern: RegExp, ms?: number): Promise<void>;
  stop(): Promise<number | null>;
}

export async function startServe(args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => void (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => void (err += c.toString()));
  const waitFor = async (pattern: RegExp, ms = 20_000) => {
    const deadline = Date.now() + ms;
    while (!pattern.test(err)) {
      if (child.exitCode !== null) throw new Error(`caplint serve exited with ${child.exitCode}: ${err}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; stderr: ${err}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  try {
    await waitFor(/ on https?:\/\/[^:]+:\d+/);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const port = Number(/ on https?:\/\/[^:]+:(\d+)/.exec(err)![1]);
  return {
    child, port, waitFor, stdout: () => out, stderr: () => err,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve(child.exitCode);
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
      child.kill('SIGTERM');
    }),
  };
}
