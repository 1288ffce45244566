/**
 * caplint learn [--output FILE] [--extends PROFILE] [--merge FILE] [--timeout S] -- COMMAND [ARG...]
 *
 * Runs COMMAND as `run` would under the base profile, records the system
 * calls it makes (a seccomp user-notification recorder) and the capabilities
 * the kernel checks (capability:cap_capable, as root), and writes a profile
 * that allows exactly those: FILE and FILE's `.seccomp.json` beside it.
 * Learning is for trusted test runs, not a sandbox (docs/learn.md).
 */
import { isatty } from 'node:tty';
import { resolve } from 'node:path';
import type { Command } from '../cli/commands.js';
import type { Io } from '../cli/io.js';
import { parse } from '../cli/args.js';
import { CaplintError, UsageError, describeError } from '../errors.js';

export const LEARN_USAGE = `Usage: caplint learn [options] -- COMMAND [ARG...]

Run COMMAND as run would under a base profile (in its namespaces, under its limits),
record the system calls it makes and the capabilities the kernel checks for it, and
write a least-privilege profile that allows only those.
For trusted test runs: the recorder lets calls through, it is not a sandbox.

Options:
  --output FILE       the profile to write (default learned.json); its seccomp profile goes
                      beside it as FILE.seccomp.json
  --extends PROFILE   the base: its capabilities, namespaces, limits and seccomp rules (default "default")
  --merge FILE        a profile learned before: write the union of both runs
  --timeout S         stop COMMAND after S seconds and keep what was learned

Exit: the command's code (the profile is written even when it fails, with a warning),
125 when nothing could be run, 126/127 when COMMAND could not be executed or found.
`;

const OPTIONS = {
  output: { type: 'string', short: 'o' },
  extends: { type: 'string' },
  merge: { type: 'string' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function timeoutOf(value: string | undefined): number | null {
  if (value === undefined) return null;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`caplint learn: --timeout takes a number of seconds above 0, not "${value}"`);
  return seconds;
}

export function createLearnCommand(): Command {
  return {
    summary: 'record what a command uses and write a least-privilege profile',
    async run(args: readonly string[], io: Io): Promise<number> {
      const split = args.indexOf('--');
      const { values, positionals } = parse('learn', split < 0 ? args : args.slice(0, split), OPTIONS);
      if (values.help) {
        io.write(LEARN_USAGE);
        return 0;
      }
      const command = split < 0 ? positionals : [...positionals, ...args.slice(split + 1)];
      if (command.length === 0) throw new UsageError('caplint learn: no command given (caplint learn [options] -- COMMAND [ARG...])');
      const timeout = timeoutOf(values.timeout);
      if (process.platform !== 'linux') {
        io.error(`caplint learn: recording needs Linux and caplint's native enforcer addon (this is ${process.platform}); nothing was run\n`);
        return 125;
      }
      const output = resolve(io.cwd, values.output ?? 'learned.json');
      try {
        const { learn } = await import('../learn/learn.js');
        return await learn(
          { command, output, base: values.extends ?? 'default', merge: values.merge === undefined ? null : resolve(io.cwd, values.merge), timeout },
          io,
          { signals: process, terminal: isatty(0) },
        );
      } catch (error) {
        if (error instanceof UsageError || !(error instanceof CaplintError)) throw error;
        io.error(`caplint learn: ${describeError(error)}; nothing was run\n`);
        return 125;
      }
    },
  };
}

export default createLearnCommand();
