/** `caplint seccomp diff A B`: syscalls whose action differs, per architecture. Exits 1 when any does. */
import type { Io } from '../../cli/io.js';
import { oneOf, parse } from '../../cli/args.js';
import { UsageError } from '../../errors.js';
import type { ArchTable } from '../../seccomp/types.js';
import { COMMON_OPTIONS, loadTable } from './options.js';
import type { Verdict } from './verdicts.js';
import { verdicts } from './verdicts.js';

export const DIFF_HELP = `Usage: caplint seccomp diff A B [--arch ARCH] [--caps CAP,...] [--kernel RELEASE] [--format text|json]

Compile both profiles for the same host and list, per architecture, the syscalls whose
action differs (with arguments 0; "by argument" marks rules that depend on arguments).
Exits 0 when the filters agree, 1 when they differ.
`;

interface Change { readonly arch: string; readonly name: string; readonly a: string; readonly b: string }

const shown = (v: Verdict | undefined) => (v ? `${v.action}${v.conditions.length ? ' (by argument)' : ''}` : 'not filtered (foreign architecture)');

export async function diffCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse('seccomp diff', args, { ...COMMON_OPTIONS, format: { type: 'string' } });
  if (values.help) {
    io.write(DIFF_HELP);
    return 0;
  }
  if (positionals.length !== 2) throw new UsageError(`caplint seccomp diff compares two profiles: give A and B; got ${positionals.length}`);
  const format = oneOf('format', values.format, ['text', 'json'] as const, 'text');
  const [a, b] = [await loadTable(positionals[0], io, values, 'diff'), await loadTable(positionals[1], io, values, 'diff')];
  const { compile } = await import('../../../enforcer/bpf/compile.js');
  const { emulator } = await import('../../../enforcer/bpf/emulate.js');
  const [runA, runB] = [emulator(compile(a.table)), emulator(compile(b.table))];
  const arches = [...new Set([...a.table.arches, ...b.table.arches].map((t) => t.arch))];
  const changes: Change[] = [];
  for (const arch of arches) {
    const of = (tables: readonly ArchTable[], run: typeof runA) => {
      const t = tables.find((x) => x.arch === arch);
      return new Map(t ? verdicts(t, run).map((v) => [v.name, v]) : []);
    };
    const [va, vb] = [of(a.table.arches, runA), of(b.table.arches, runB)];
    for (const name of new Set([...va.keys(), ...vb.keys()])) {
      const [x, y] = [va.get(name), vb.get(name)];
      if (shown(x) !== shown(y) || x?.conditions.join() !== y?.conditions.join()) changes.push({ arch, name, a: shown(x), b: shown(y) });
    }
  }
  if (format === 'json') io.write(`${JSON.stringify({ a: a.label, b: b.label, changes }, null, 2)}\n`);
  else if (changes.length === 0) io.write(`${a.label} and ${b.label} give every syscall the same action.\n`);
  else {
    const width = Math.max(...changes.map((c) => c.name.length), 8);
    io.write(`--- ${a.label}\n+++ ${b.label}\n`);
    for (const arch of arches) {
      const mine = changes.filter((c) => c.arch === arch);
      if (mine.length === 0) continue;
      io.write(`${arch}: ${mine.length} syscall${mine.length === 1 ? '' : 's'} differ\n`);
      for (const c of mine) io.write(`  ${c.name.padEnd(width)}  ${c.a}  →  ${c.b}\n`);
    }
  }
  return changes.length === 0 ? 0 : 1;
}
