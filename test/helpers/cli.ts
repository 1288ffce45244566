/** Run the CLI in-process with a fake Io, or as a real process from bin/. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { main } from '../../engine/cli/main.js';
import type { Io } from '../../engine/cli/io.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/caplint.js', import.meta.url));

export interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function caplint(args: readonly string[], options: { cwd?: string; stdin?: string; env?: Record<string, string> } = {}): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    argv0: 'caplint',
    cwd: options.cwd ?? ROOT,
    env: { NO_COLOR: '1', ...options.env },
    stdoutIsTTY: false,
    stderrIsTTY: false,
    write: (t) => void (stdout += t),
    error: (t) => void (stderr += t),
    readStdin: async () => options.stdin ?? '',
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** The real executable (needs `npm run build`, which `npm test` runs first). */
export function caplintProcess(args: readonly string[], options: { cwd?: string; stdin?: string; env?: Record<string, string> } = {}): Ran {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.stdin ?? '',
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    // spawnSync blocks the event loop, so vitest's own timeout could never end a hung caplint: a hang fails the test instead.
    timeout: 120_000,
    killSignal: 'SIGKILL',
  });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') return { code: 128 + 9, stdout: result.stdout, stderr: `${result.stderr}\n(test helper: caplint ${args.join(' ')} was killed after 120 s)` };
  return { code: result.status ?? 128 + 9, stdout: result.stdout, stderr: result.stderr };
}
