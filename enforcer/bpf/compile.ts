/**
 * DecisionTable → classic BPF for seccomp. Layout:
 *
 *   ld arch; jeq ARCH_1 → section 1; jeq ARCH_2 → section 2; ...; ret badArch
 *   section: ld nr; a search tree of `jge` over the number line (x86_64 and
 *            x32 share one section and one tree: x32 numbers are the upper
 *            part of its range, denied as a foreign ABI when no x32 table
 *            is given, except nr -1, which a tracer sets to skip a call and
 *            is treated as an unknown x86_64 number, as libseccomp does);
 *            each leaf is a shared `ret`, or one syscall's argument checks
 *            ending in `ret`s.
 *
 * Unconditional syscalls reach their `ret` loading only arch and nr, so the
 * kernel (5.11+) can cache them as always allowed.
 */
import type { ArchTable, DecisionTable } from '../../engine/seccomp/types.js';
import { AUDIT_ARCH, X32_SYSCALL_BIT, actionValue } from '../../engine/seccomp/types.js';
import type { BpfProgram } from './types.js';
import { BPF_MAXINSNS } from './types.js';
import type { Label } from './assembler.js';
import { Assembler } from './assembler.js';
import type { Interval } from './compile-intervals.js';
import { checkNumbers, intervals, joined } from './compile-intervals.js';
import { searchTree } from './compile-tree.js';
import { emitRules } from './compile-args.js';
import { JEQ_K, JGE_K, LD_ABS, OFFSET } from './opcodes.js';
import { BpfError } from './errors.js';

const U32_MAX = 0xffffffff;
/** x32 is rarely used: its numbers weigh less than x86_64's in the shared tree. */
const X32_WEIGHT = 1 / 16;

interface Section {
  readonly audit: number;
  readonly narrow: boolean;
  readonly intervals: readonly Interval[];
}

function sections(table: DecisionTable): Section[] {
  if (table.arches.length === 0) throw new BpfError('the decision table lists no architecture');
  const byArch = new Map<string, ArchTable>();
  for (const t of table.arches) {
    if (byArch.has(t.arch)) throw new BpfError(`the decision table lists architecture ${t.arch} twice`);
    if (t.arch === 'x32') checkNumbers(t, X32_SYSCALL_BIT, U32_MAX - 1);
    else checkNumbers(t, 0, t.arch === 'x86_64' ? X32_SYSCALL_BIT - 1 : U32_MAX - 1);
    byArch.set(t.arch, t);
  }
  const bad = actionValue(table.badArchAction);
  const out: Section[] = [];
  for (const t of table.arches) {
    const audit = AUDIT_ARCH[t.arch];
    if (out.some((s) => s.audit === audit)) continue;
    const x86 = t.arch === 'x86_64' || t.arch === 'x32';
    out.push({
      audit,
      narrow: t.arch === 'i386',
      intervals: x86
        ? joined(
            intervals(byArch.get('x86_64'), 0, X32_SYSCALL_BIT - 1, bad),
            intervals(byArch.get('x32'), X32_SYSCALL_BIT, U32_MAX - 1, bad, X32_WEIGHT),
            intervals(byArch.get('x86_64'), U32_MAX, U32_MAX, bad),
          )
        : intervals(t, 0, U32_MAX, bad),
    });
  }
  return out;
}

function emitTree(asm: Assembler, ivs: readonly Interval[], narrow: boolean): void {
  const root = searchTree(ivs);
  const subtree = (i: number, j: number): void => {
    if (i === j) {
      const leaf = ivs[i]!.outcome;
      if ('rules' in leaf) emitRules(asm, leaf.rules, narrow);
      return;
    }
    const k = root(i, j);
    const parts: [number, number][] = [[i, k], [k + 1, j]];
    const deferred: { label: Label; part: [number, number] }[] = [];
    const [left, right] = parts.map((part) => {
      const only = part[0] === part[1] ? ivs[part[0]]!.outcome : undefined;
      if (only && 'ret' in only) return asm.ret(only.ret);
      const label = asm.label();
      deferred.push({ label, part });
      return label;
    });
    asm.jump(JGE_K, ivs[k + 1]!.lo, right!, left!);
    deferred.sort((a, b) => (a.part[1] - a.part[0]) - (b.part[1] - b.part[0]));
    for (const { label, part } of deferred) {
      asm.place(label);
      subtree(part[0], part[1]);
    }
  };
  subtree(0, ivs.length - 1);
}

export function compile(table: DecisionTable): BpfProgram {
  const asm = new Assembler();
  const all = sections(table);
  asm.insn(LD_ABS, OFFSET.arch);
  const entries = all.map((s) => {
    const only = s.intervals.length === 1 ? s.intervals[0]!.outcome : undefined;
    return only && 'ret' in only ? asm.ret(only.ret) : asm.label();
  });
  all.forEach((s, i) => {
    const next = i === all.length - 1 ? asm.ret(actionValue(table.badArchAction)) : asm.label();
    asm.jump(JEQ_K, s.audit, entries[i]!, next);
    if (i < all.length - 1) asm.place(next);
  });
  all.forEach((s, i) => {
    const only = s.intervals.length === 1 ? s.intervals[0]!.outcome : undefined;
    if (only && 'ret' in only) return;
    asm.place(entries[i]!);
    asm.insn(LD_ABS, OFFSET.nr);
    emitTree(asm, s.intervals, s.narrow);
  });
  const program = asm.assemble();
  if (program.length > BPF_MAXINSNS)
    throw new BpfError(`the compiled filter has ${program.length} instructions; the kernel accepts at most ${BPF_MAXINSNS} (BPF_MAXINSNS): allow fewer syscalls by argument or split the profile`);
  return program;
}
