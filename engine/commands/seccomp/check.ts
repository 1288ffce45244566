/** `caplint seccomp check PROFILE --syscall NAME [--args A,B,...]`: what the compiled filter answers for one call. */
import type { Io } from '../../cli/io.js';
import { oneOf, parse } from '../../cli/args.js';
import { UsageError } from '../../errors.js';
import { AUDIT_ARCH } from '../../seccomp/types.js';
import { actionText } from '../../seccomp/action-text.js';
import { allSyscallNames, syscallNames, syscallNumber } from '../../linux/syscalls/index.js';
import { hint } from '../../linux/suggest.js';
import { COMMON_OPTIONS, archOption, loadTable } from './options.js';

export const CHECK_HELP = `Usage: caplint seccomp check PROFILE --syscall NAME [--args A,B,...] [--arch ARCH]
                             [--caps CAP,...] [--kernel RELEASE] [--format text|json]

Compile PROFILE and run the filter on one call: prints the action and how many BPF
instructions the kernel executes for it. --arch is the call's ABI (x86_64, i386, x32,
aarch64); i386 and x32 calls are checked on an x86_64 host. Arguments are decimal or 0x
hex, up to 64 bits; missing ones are 0.
`;

const U64 = (1n << 64n) - 1n;

export function parseCallArgs(text: string | undefined): bigint[] {
  if (text === undefined || text.trim() === '') return [];
  const parts = text.split(',');
  if (parts.length > 6) throw new UsageError(`--args takes at most 6 values; got ${parts.length}`);
  return parts.map((part, i) => {
    const t = part.trim();
    let v: bigint;
    try {
      v = /^-/.test(t) ? BigInt.asUintN(64, BigInt(t)) : BigInt(t);
    } catch {
      throw new UsageError(`--args: argument ${i} "${t}" is not a number (decimal or 0x hex)`);
    }
    if (v < 0n || v > U64) throw new UsageError(`--args: argument ${i} (${t}) does not fit 64 bits`);
    return v;
  });
}

export async function checkCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse('seccomp check', args, { ...COMMON_OPTIONS, syscall: { type: 'string' }, args: { type: 'string' }, format: { type: 'string' } });
  if (values.help) {
    io.write(CHECK_HELP);
    return 0;
  }
  const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
  const arch = archOption(values.arch);
  const name = values.syscall;
  if (name === undefined) throw new UsageError('caplint seccomp check: give the call with --syscall NAME');
  const nr = /^\d+$/.test(name) ? Number(name) : syscallNumber(arch, name);
  if (nr === undefined) {
    const known = allSyscallNames().has(name) ? ` on ${arch}` : '';
    throw new UsageError(`"${name}" is not a syscall${known}${hint(name, syscallNames(arch))}`);
  }
  const callArgs = parseCallArgs(values.args);
  const { table } = await loadTable(positionals[0], io, values, 'check');
  const { compile } = await import('../../../enforcer/bpf/compile.js');
  const { emulate } = await import('../../../enforcer/bpf/emulate.js');
  const program = compile(table);
  const result = emulate(program, { arch: AUDIT_ARCH[arch], nr, args: callArgs });
  const action = actionText(result.action);
  if (format === 'json')
    io.write(`${JSON.stringify({ syscall: name, arch, nr, args: callArgs.map(String), action, value: result.value, executed: result.executed, length: program.length })}\n`);
  else io.write(`${name} (${arch} nr ${nr}${callArgs.length ? `, args ${callArgs.map((a) => `0x${a.toString(16)}`).join(',')}` : ''}): ${action} after ${result.executed} of ${program.length} instructions\n`);
  return 0;
}
