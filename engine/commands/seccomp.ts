/** `caplint seccomp compile|explain|check|diff`: the seccomp compiler and emulator from the command line. */
import type { Command } from '../cli/commands.js';
import type { Io } from '../cli/io.js';
import { UsageError } from '../errors.js';
import { hint } from '../linux/suggest.js';

const HELP = `Usage: caplint seccomp <subcommand> PROFILE [options]

Subcommands:
  compile PROFILE           the BPF filter caplint attaches (--format bpf|disasm|json)
  explain PROFILE           the syscalls the filter lets through, grouped by risk
  check PROFILE --syscall NAME [--args A,B,...]
                            the action for one call, and the instructions it costs
  diff A B                  syscalls whose action differs, per architecture

PROFILE is a file (Docker or OCI seccomp JSON), - for standard input, or a built-in
profile: default, strict (write ./default for a file of that name). Run
"caplint seccomp <subcommand> --help" for its options.
`;

const SUBCOMMANDS: Readonly<Record<string, () => Promise<(args: readonly string[], io: Io) => Promise<number>>>> = {
  compile: async () => (await import('./seccomp/compile.js')).compileCommand,
  explain: async () => (await import('./seccomp/explain.js')).explainCommand,
  check: async () => (await import('./seccomp/check.js')).checkCommand,
  diff: async () => (await import('./seccomp/diff.js')).diffCommand,
};

const seccomp: Command = {
  summary: 'compile, explain, check and compare seccomp profiles',
  async run(args: readonly string[], io: Io): Promise<number> {
    const [sub, ...rest] = args;
    if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
      io.write(HELP);
      return sub === undefined ? 2 : 0;
    }
    const load = Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
    if (!load) throw new UsageError(`caplint seccomp: unknown subcommand "${sub}"${hint(sub, Object.keys(SUBCOMMANDS))}; they are ${Object.keys(SUBCOMMANDS).join(', ')}`);
    return (await load())(rest, io);
  },
};

export default seccomp;
