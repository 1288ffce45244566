/** An Io that records what a command writes. */
import type { Io } from '../../engine/cli/io.js';
import type { RunDeps } from '../../engine/commands/run.js';

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

/** `caplint run ARGS` through main() in `cwd` (or through a run command with `deps`), with what it wrote. */
export async function runInProcess(cwd: string, args: readonly string[], deps?: Partial<RunDeps>): Promise<{ code: number; out: string; err: string }> {
  const io = recordingIo(cwd);
  const code = deps
    ? await (await import('../../engine/commands/run.js')).createRunCommand(deps).run(args, io)
    : await (await import('../../engine/cli/main.js')).main(['run', ...args], io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

/** caplint's own status as root with every capability: plans that do not depend on who runs the tests. */
export const AS_ROOT: Partial<RunDeps> = {
  ownStatus: () => ({ capInh: 0n, capPrm: (1n << 41n) - 1n, capEff: (1n << 41n) - 1n, capBnd: (1n << 41n) - 1n, capAmb: 0n, noNewPrivs: false, seccomp: 0, seccompFilters: 0, uids: [0, 0, 0, 0] }),
};
