/** An Io that records what a command writes. */
import type { Io } from '../../engine/cli/io.js';

export interface RecordingIo extends Io {
  readonly out: string[];
  readonly err: string[];
}

export function recordingIo(cwd = process.cwd(), env: Record<string, string | undefined> = { PATH: '/usr/bin:/bin' }): RecordingIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    argv0: 'caplint',
    cwd,
    env,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    write: (text) => void out.push(text),
    error: (text) => void err.push(text),
    readStdin: async () => '',
    out,
    err,
  };
}

/** `caplint run ARGS` through main() in `cwd`, with what it wrote. */
export async function runInProcess(cwd: string, args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  const { main } = await import('../../engine/cli/main.js');
  const io = recordingIo(cwd);
  const code = await main(['run', ...args], io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}
