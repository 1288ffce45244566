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
