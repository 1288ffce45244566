/**
 * Dispatch to a command of a table and turn known errors into one line and
 * exit code 2. Library code never exits; only bin/ sets the exit code. The
 * table is a parameter so a bundle for one command (engine/cli/run-entry.ts)
 * holds that command and nothing else.
 */
import type { Command } from './commands.js';
import type { Io } from './io.js';
import { terminalSafe } from '../../reports/common/terminal.js';
import { CaplintError, describeError } from '../errors.js';

export const EXIT_USAGE = 2;

const USAGE = `Usage: caplint <command> [options]

Commands:
  audit [PATH...|-]     audit container configs (OCI, Kubernetes, compose, docker inspect) against a policy
  ps                    list running processes with their confinement, and audit them
  rules [ID]            list the rules, or print one rule's documentation
  init                  write a commented caplint.config.json to start from
  run [options] -- CMD  launch CMD confined by a profile (capabilities, no_new_privs, seccomp)
  seccomp SUB PROFILE   compile, explain, check or diff seccomp profiles (BPF)
  serve --admission|--agent  run as a Kubernetes admission webhook or a node agent

Run "caplint <command> --help" or "caplint help <command>" for a command's options.
`;

export type Main = (argv: readonly string[], io: Io) => Promise<number>;

/** `caplint ARGV` with the commands of `commands` (the whole CLI: engine/cli/main.ts). */
export function createMain(commands: Readonly<Record<string, () => Promise<Command>>>): Main {
  return (argv, io) => dispatch(commands, argv, io);
}

async function dispatch(commands: Readonly<Record<string, () => Promise<Command>>>, argv: readonly string[], io: Io): Promise<number> {
  const [first, ...after] = argv;
  // `caplint help audit` is `caplint audit --help`.
  const [name, ...rest] = first === 'help' && after.length > 0 ? [after[0]!, '--help'] : [first, ...after];
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.write(USAGE);
    return name === undefined ? EXIT_USAGE : 0;
  }
  if (name === '--version' || name === '-V') {
    io.write(`${await version()}\n`);
    return 0;
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    io.error(`caplint: unknown command "${name}". Commands: ${Object.keys(commands).join(', ')}.\n`);
    return EXIT_USAGE;
  }
  try {
    const command = await load();
    return await command.run(rest, io);
  } catch (error) {
    io.error(`caplint: ${terminalSafe(describeError(error))}\n`);
    if (io.env.CAPLINT_DEBUG === '1' && error instanceof Error && error.stack) io.error(`${error.stack}\n`);
    else if (!(error instanceof CaplintError)) io.error('(set CAPLINT_DEBUG=1 to see where this happened)\n');
    return EXIT_USAGE;
  }
}

async function version(): Promise<string> {
  const { packageJson } = await import('../paths.js');
  return (packageJson() as { version: string }).version;
}
