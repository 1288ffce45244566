/** Runs the CLI in-process with a captured Io. */
import { main } from '../../engine/cli/main.js';
import type { Io } from '../../engine/cli/io.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(args: readonly string[], cwd = process.cwd()): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    argv0: 'caplint', cwd, env: { NO_COLOR: '1' }, stdoutIsTTY: false, stderrIsTTY: false,
    write: (t) => { stdout += t; },
    error: (t) => { stderr += t; },
    readStdin: async () => '',
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}
