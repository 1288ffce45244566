/** `caplint seccomp explain PROFILE`: the syscalls a profile lets through, grouped by risk. */
import type { Io } from '../../cli/io.js';
import { oneOf, parse } from '../../cli/args.js';
import { UsageError } from '../../errors.js';
import { actionText } from '../../seccomp/action-text.js';
import type { SyscallRisk } from '../../linux/syscall-risk.js';
import { ARGUMENT_GATED, SYSCALL_RISKS } from '../../linux/syscall-risk.js';
import { COMMON_OPTIONS, loadTable } from './options.js';
import { verdicts } from './verdicts.js';

export const EXPLAIN_HELP = `Usage: caplint seccomp explain PROFILE [--arch ARCH] [--caps CAP,...] [--kernel RELEASE]
                               [--format text|json]

List what the compiled filter lets through on the host architecture: risky syscalls by
group (the ones that are not namespaced first), calls allowed only for some arguments,
and how many others are allowed.
`;

export async function explainCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse('seccomp explain', args, { ...COMMON_OPTIONS, format: { type: 'string' } });
  if (values.help) {
    io.write(EXPLAIN_HELP);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`caplint seccomp explain takes one PROFILE; got ${positionals.length}`);
  const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
  const { table, label } = await loadTable(positionals[0], io, values, 'explain');
  const { compile } = await import('../../../enforcer/bpf/compile.js');
  const { emulator } = await import('../../../enforcer/bpf/emulate.js');
  const native = table.arches[0]!;
  const all = verdicts(native, emulator(compile(table)));
  const allowed = all.filter((v) => v.sometimes);
  const byArgument = allowed.filter((v) => v.conditions.length > 0);
  const risky = allowed.filter((v) => SYSCALL_RISKS.has(v.name));
  const nonNamespaced = risky.filter((v) => SYSCALL_RISKS.get(v.name)!.nonNamespaced).map((v) => v.name);
  // Groups of risky syscalls, the ones that are not namespaced first.
  const groups = new Map<string, { risk: SyscallRisk; names: string[] }>();
  for (const v of [...risky].sort((a, b) => Number(SYSCALL_RISKS.get(b.name)!.nonNamespaced) - Number(SYSCALL_RISKS.get(a.name)!.nonNamespaced))) {
    const risk = SYSCALL_RISKS.get(v.name)!;
    const group = groups.get(risk.group) ?? { risk, names: [] };
    groups.set(risk.group, group);
    group.names.push(v.name);
  }
  const others = allowed.filter((v) => !SYSCALL_RISKS.has(v.name) && v.conditions.length === 0);
  const summary = {
    profile: label, arch: native.arch, defaultAction: actionText(native.defaultAction),
    syscalls: all.length, allowed: allowed.map((v) => v.name), nonNamespaced,
    risky: Object.fromEntries([...groups].map(([name, g]) => [name, g.names])), byArgument: byArgument.map((v) => ({ name: v.name, rules: v.conditions })),
  };
  if (format === 'json') {
    io.write(`${JSON.stringify(summary, null, 2)}\n`);
    return 0;
  }
  const lines = [`${label} on ${native.arch} (default ${summary.defaultAction}): ${allowed.length} of ${all.length} syscalls allowed, ${byArgument.length} of them only for some arguments.`, ''];
  lines.push(nonNamespaced.length ? `Not namespaced, yet allowed (they act on the host kernel): ${nonNamespaced.join(', ')}` : 'Not namespaced and allowed: none.');
  if (groups.size) lines.push('', 'Risky syscalls allowed, by group:');
  for (const [group, { risk, names }] of groups) {
    lines.push(`  ${risk.nonNamespaced ? '!' : ' '} ${group.padEnd(15)} ${names.join(', ')}: ${risk.why}${risk.gatedBy ? ` (normally needs ${risk.gatedBy})` : ''}`);
  }
  if (byArgument.length) lines.push('', 'Allowed only for some arguments:');
  for (const v of byArgument) {
    lines.push(`    ${v.name}${ARGUMENT_GATED.has(v.name) ? `: ${ARGUMENT_GATED.get(v.name)}` : ''}`);
    for (const rule of v.conditions) lines.push(`      ${rule}`);
  }
  lines.push('', `Other allowed syscalls: ${others.length} (--format json lists them all).`);
  io.write(`${lines.join('\n')}\n`);
  return 0;
}
