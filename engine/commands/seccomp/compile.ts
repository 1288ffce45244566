/** `caplint seccomp compile PROFILE`: the filter as raw BPF, a listing, or JSON. */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Io } from '../../cli/io.js';
import { oneOf, parse } from '../../cli/args.js';
import { CaplintError, UsageError, describeFsError } from '../../errors.js';
import { actionText } from '../../seccomp/action-text.js';
import { COMMON_OPTIONS, loadTable, nameOf } from './options.js';

export const COMPILE_HELP = `Usage: caplint seccomp compile PROFILE [--arch ARCH] [--caps CAP,...] [--kernel RELEASE]
                               [--format bpf|disasm|json] [--output FILE]

Compile a seccomp profile (a file, - for standard input, or the built-in default or strict)
into the classic-BPF filter caplint attaches. --arch is the host architecture (x86_64 by
default; the profile's archMap adds the others), --caps the bounding set the container gets
(Docker's 14 by default), --kernel the kernel release for minKernel. --format bpf writes the
raw struct sock_filter[] bytes and needs --output FILE.
`;

export async function compileCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse('seccomp compile', args, { ...COMMON_OPTIONS, format: { type: 'string' }, output: { type: 'string', short: 'o' } });
  if (values.help) {
    io.write(COMPILE_HELP);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`caplint seccomp compile takes one PROFILE; got ${positionals.length}`);
  const format = oneOf('format', values.format, ['disasm', 'bpf', 'json'] as const, 'disasm');
  if (format === 'bpf' && (values.output === undefined || values.output === '-'))
    throw new UsageError('--format bpf writes binary: give --output FILE');
  const { table, label } = await loadTable(positionals[0], io, values, 'compile');
  const { compile } = await import('../../../enforcer/bpf/compile.js');
  let program;
  try {
    program = compile(table);
  } catch (error) {
    if (error instanceof CaplintError && !error.place) throw new CaplintError(error.message, { file: label });
    throw error;
  }
  let out: string | Buffer;
  if (format === 'bpf') {
    const { encodeProgram } = await import('../../../enforcer/bpf/types.js');
    out = encodeProgram(program);
  } else if (format === 'json') {
    out = `${JSON.stringify({
      arches: table.arches.map((t) => t.arch),
      badArchAction: actionText(table.badArchAction),
      flags: table.flags,
      length: program.length,
      program,
    }, null, 2)}\n`;
  } else {
    const { disassemble } = await import('../../../enforcer/bpf/disasm.js');
    out = `; ${label}: ${table.arches.map((t) => t.arch).join(', ')}; ${program.length} instructions\n${disassemble(program, { syscallName: nameOf })}`;
  }
  if (values.output === undefined || values.output === '-') io.write(out.toString());
  else {
    try {
      writeFileSync(resolve(io.cwd, values.output), out);
    } catch (error) {
      throw new CaplintError(`cannot write the filter: ${describeFsError(error)}`, { file: values.output });
    }
  }
  return 0;
}
