/**
 * The emulator against the real kernel: the same programs are accepted or
 * refused, and compiled filters give the same answer for x86_64, x32 and
 * i386 calls. An i386 call made with int $0x80 from 64-bit code shows the
 * filter the registers' high halves too (the syscall itself uses only the
 * low ones): the emulator gets the same 64-bit arguments. Actions are ERRNO or TRACE only (a trace with no tracer
 * fails with ENOSYS), so no call ever runs.
 */
import { describe, expect, it } from 'vitest';
import type { Action, Arch } from '../../engine/seccomp/types.js';
import { AUDIT_ARCH, X32_SYSCALL_BIT } from '../../engine/seccomp/types.js';
import { syscallNames } from '../../engine/linux/syscalls/index.js';
import { compile } from '../../enforcer/bpf/compile.js';
import { emulator } from '../../enforcer/bpf/emulate.js';
import { checkProgram } from '../../enforcer/bpf/check.js';
import { BPF, jump, stmt } from '../../enforcer/bpf/opcodes.js';
import type { BpfProgram } from '../../enforcer/bpf/types.js';
import { kernelRunner } from '../helpers/kernel-runner.js';
import type { KernelCall } from '../helpers/kernel-runner.js';
import { randomProfile } from '../helpers/random-profile.js';
import type { ProfileSpec } from '../helpers/random-profile.js';
import { Random } from '../helpers/random.js';
import { tableFromSpec } from '../helpers/spec-table.js';
import { argVectors } from '../helpers/arg-vectors.js';

const kernel = kernelRunner();
const ret = (k: number) => stmt(BPF.RET | BPF.K, k);
const retA = stmt(BPF.RET | BPF.A, 0);
const ld = (k: number) => stmt(BPF.LD | BPF.W | BPF.ABS, k);
const EXIT_GROUP = 231; // allowed by the helper's prefix on every ABI: never called
/** x86_64 uretprobe and uprobe: the kernel (6.11+) runs them without asking the filter, for the uprobe trampolines. Never called. */
const UNFILTERED = new Set([335, 336]);

/** Every action becomes an errno (or a trace) so the kernel never runs a call. */
function harmless(a: Action): Action {
  const codes: Record<string, number> = { allow: 100, log: 101, kill_process: 102, kill_thread: 103, trap: 104, notify: 105 };
  return a.kind === 'errno' || a.kind === 'trace' ? a : { kind: 'errno', errno: codes[a.kind]! };
}

/** What a process sees for a return value: ERRNO(0) succeeds with 0 (the call skipped), TRACE without tracer fails with ENOSYS. */
function seen(value: number): string {
  const action = value >>> 16;
  if (action === 0x5) return (value & 0xffff) === 0 ? '0 0' : `-1 ${Math.min(value & 0xffff, 4095)}`;
  if (action === 0x7ff0) return '-1 38';
  return `action 0x${value.toString(16)}`;
}

describe.skipIf(!kernel)('the emulator agrees with the kernel', () => {
  it('accepts and refuses the same programs', () => {
    const programs: BpfProgram[] = [
      [ret(0x50001)], [ld(60), retA], [ld(64), retA], [ld(2), retA], [stmt(BPF.LD | BPF.H | BPF.ABS, 0), retA],
      [stmt(BPF.ALU | BPF.MOD | BPF.K, 3), retA], [stmt(BPF.ALU | BPF.DIV | BPF.K, 0), retA], [stmt(BPF.ALU | BPF.LSH | BPF.K, 32), retA],
      [stmt(BPF.ST, 16), retA], [stmt(BPF.LD | BPF.MEM, 0), retA], [stmt(BPF.ST, 3), stmt(BPF.LDX | BPF.MEM, 3), retA],
      [jump(BPF.JMP | BPF.JEQ | BPF.K, 0, 1, 0), retA], [stmt(BPF.JMP | BPF.JA, 0), retA], [stmt(BPF.JMP | BPF.JA, 1), retA],
      [ld(0), ld(4)], [stmt(BPF.LD | BPF.W | BPF.LEN, 0), stmt(BPF.LDX | BPF.W | BPF.LEN, 0), stmt(BPF.MISC | BPF.TAX, 0), retA],
      [stmt(BPF.RET | 0x08, 0)], [stmt(BPF.LD | BPF.W | BPF.IND, 0), retA], [stmt(BPF.ALU | BPF.NEG | BPF.X, 0), retA],
    ];
    const answers = kernel!.load(programs);
    programs.forEach((p, i) => {
      let accepted = true;
      try { checkProgram(p); } catch { accepted = false; }
      expect(answers[i], `program ${i}`).toBe(accepted ? 'ok' : 'err 22');
    });
  });

  it('computes like the kernel: ALU, memory, X, and arguments of every width', () => {
    const r = new Random(11);
    const ops = [BPF.ADD, BPF.SUB, BPF.MUL, BPF.OR, BPF.AND, BPF.XOR, BPF.LSH, BPF.RSH];
    for (let n = 0; n < 20; n++) {
      const body = [ld(16 + 4 * r.int(0, 11)), stmt(BPF.ST, 5), stmt(BPF.MISC | BPF.TAX, 0), ld(16 + 4 * r.int(0, 11))];
      for (let i = 0; i < 6; i++) {
        const o = r.pick(ops);
        body.push(r.chance(0.5) ? stmt(BPF.ALU | o | BPF.K, o === BPF.LSH || o === BPF.RSH ? r.int(0, 31) : r.int(0, 0xffffffff)) : stmt(BPF.ALU | o | BPF.X, 0));
      }
      body.push(stmt(BPF.ALU | BPF.DIV | BPF.K, r.int(1, 9)), stmt(BPF.LDX | BPF.MEM, 5), jump(BPF.JMP | BPF.JGT | BPF.X, 0, 0, 1), stmt(BPF.ALU | BPF.NEG, 0));
      const program = [...body, stmt(BPF.ALU | BPF.AND | BPF.K, 0xfff), stmt(BPF.ALU | BPF.OR | BPF.K, 0x50000), retA];
      const calls: KernelCall[] = Array.from({ length: 8 }, (_, i) => ({ nr: 39, args: Array.from({ length: 6 }, () => r.u64()), i386: i % 2 === 1 }));
      const run = emulator(program);
      const expected = calls.map((c) => seen(run({ arch: c.i386 ? AUDIT_ARCH.i386 : AUDIT_ARCH.x86_64, nr: c.nr, args: c.args }).value));
      expect(kernel!.run(program, calls), `program ${n}`).toEqual(expected);
    }
  });

  it('ends the filter with 0 (the thread dies of SIGSYS) on division by X = 0', () => {
    expect(kernel!.run([stmt(BPF.LDX | BPF.IMM, 0), stmt(BPF.ALU | BPF.DIV | BPF.X, 0), ret(0x50001)], [{ nr: 39, args: [] }])).toEqual(['signal 31']);
  });

  it('gives compiled filters\' answers for x86_64, x32 and i386 calls', () => {
    const names = syscallNames('x86_64');
    for (let seed = 1; seed <= 12; seed++) {
      const r = new Random(seed);
      const arches: Arch[] = ['x86_64', ...(['i386', 'x32'] as const).filter(() => r.chance(0.6))];
      const spec = randomProfile(r, names, { narrow: false, overlapping: true, size: 120 });
      const safe: ProfileSpec = { defaultAction: harmless(spec.defaultAction), badArchAction: { kind: 'errno', errno: 99 }, syscalls: spec.syscalls.map((s) => ({ name: s.name, rules: s.rules.map((x) => ({ ...x, action: harmless(x.action) })) })) };
      const table = tableFromSpec(safe, arches);
      const program = compile(table);
      const run = emulator(program);
      const calls: KernelCall[] = [];
      for (const t of table.arches) {
        const entries = new Map(t.syscalls.map((s) => [s.nr, s]));
        const base = t.arch === 'x32' ? X32_SYSCALL_BIT : 0;
        for (let nr = base; nr <= t.highestKnownNr + 2; nr++) {
          if (nr === EXIT_GROUP || (t.arch === 'x86_64' && UNFILTERED.has(nr))) continue;
          for (const args of argVectors(entries.get(nr), r, false).slice(entries.has(nr) ? 0 : 1, entries.has(nr) ? 12 : 2)) calls.push({ nr, args, i386: t.arch === 'i386' });
        }
      }
      if (!arches.includes('i386')) calls.push({ nr: 20, args: [], i386: true });
      const expected = calls.map((c) => seen(run({ arch: c.i386 ? AUDIT_ARCH.i386 : AUDIT_ARCH.x86_64, nr: c.nr, args: c.args }).value));
      const got = kernel!.run(program, calls);
      const first = got.findIndex((g, i) => g !== expected[i]);
      expect(first === -1 ? undefined : { seed, call: calls[first], kernel: got[first], emulator: expected[first] }).toBeUndefined();
    }
  });
});
