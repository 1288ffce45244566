import { describe, expect, it } from 'vitest';
import { AUDIT_ARCH, actionValue } from '../../engine/seccomp/types.js';
import type { ArchTable, SyscallRule } from '../../engine/seccomp/types.js';
import { decideCall } from '../../engine/seccomp/decide-call.js';
import { builtinProfile, readProfile, resolveProfile } from '../../engine/seccomp/profile/index.js';
import { syscallNames } from '../../engine/linux/syscalls/index.js';
import { compile } from '../../enforcer/bpf/compile.js';
import { emulator } from '../../enforcer/bpf/emulate.js';
import { checkProgram } from '../../enforcer/bpf/check.js';
import { BPF } from '../../enforcer/bpf/opcodes.js';
import { BPF_MAXINSNS } from '../../enforcer/bpf/types.js';
import { ALLOW, EPERM, archTable, cmp, table, watchedCall } from '../helpers/tables.js';
import { argVectors } from '../helpers/arg-vectors.js';
import { Random } from '../helpers/random.js';
import { numbersOf } from '../helpers/compare-filters.js';

const X86 = AUDIT_ARCH.x86_64;
const NAMES = syscallNames('x86_64');
const conditional = (i: number): SyscallRule[] => [
  { when: [cmp(0, 'EQ', BigInt(i)), cmp(1, 'GT', 0x1_00000000n)], action: { kind: 'errno', errno: 3 } },
  { when: [cmp(2, 'MASKED_EQ', 0xf0n, 0x30n)], action: ALLOW },
];

function costs(t: ArchTable) {
  const run = emulator(compile(table([t])));
  const executed = Array.from({ length: t.highestKnownNr + 1 }, (_, nr) => run({ arch: X86, nr, args: [] }).executed);
  return { mean: executed.reduce((a, b) => a + b, 0) / executed.length, max: Math.max(...executed) };
}

describe('the kernel can cache always-allowed syscalls', () => {
  it('never loads an argument on the path to an unconditional ALLOW (caplint default with SYS_ADMIN, every ABI)', () => {
    const t = resolveProfile(readProfile(builtinProfile('default')), { caps: ['CAP_SYS_ADMIN', 'CAP_SYS_PTRACE'] });
    const run = emulator(compile(t));
    let allowed = 0;
    for (const arch of t.arches) {
      const conditionalNrs = new Set(arch.syscalls.filter((s) => s.rules.some((r) => r.when.length > 0)).map((s) => s.nr));
      for (const nr of numbersOf(arch)) {
        const { call, touched } = watchedCall(AUDIT_ARCH[arch.arch], nr);
        if (run(call).action.kind !== 'allow' || conditionalNrs.has(nr)) continue;
        allowed++;
        expect(touched(), `${arch.arch} nr ${nr}`).toBe(false);
      }
    }
    expect(t.arches.map((a) => a.arch)).toEqual(['x86_64', 'i386', 'x32']);
    expect(allowed).toBeGreaterThan(750);
  });
});

describe('the search over syscall numbers', () => {
  it('costs O(log n): alternating allow/deny over n syscalls', () => {
    const alternating = (n: number) => archTable('x86_64', EPERM, NAMES.slice(0, 2 * n).filter((_, i) => i % 2 === 0).map((name) => [name, [{ when: [], action: ALLOW }]]));
    const small = costs(alternating(16));
    const large = costs(alternating(128));
    // 3 (arch, jeq, nr) + depth + 1 (ret); 257 intervals need a depth of at least 9.
    expect(small.max).toBeLessThanOrEqual(4 + 7);
    expect(large.max).toBeLessThanOrEqual(4 + 11);
    expect(large.mean).toBeLessThan(small.mean + 4);
  });

  it('beats libseccomp\'s tree on caplint\'s default profile (x86_64 only): mean < 15.9, max < 25', () => {
    const t = resolveProfile(readProfile(builtinProfile('default')), {});
    const { mean, max } = costs(t.arches[0]!);
    expect(mean).toBeLessThan(12);
    expect(max).toBeLessThan(25);
    expect(compile(table([t.arches[0]!])).length).toBeLessThan(200);
  });
});

describe('long programs', () => {
  it('reaches targets past 255 instructions through trampolines, and still agrees with the table', () => {
    const many = archTable('x86_64', EPERM, NAMES.slice(0, 120).map((name, i) => [name, conditional(i)]));
    const t = table([many]);
    const program = compile(t);
    expect(program.length).toBeGreaterThan(1000);
    expect(() => checkProgram(program)).not.toThrow();
    expect(program.some((i) => i.code === (BPF.JMP | BPF.JA))).toBe(true);
    const run = emulator(program);
    const r = new Random(7);
    for (const entry of many.syscalls)
      for (const args of argVectors(entry, r, false)) {
        const call = { arch: X86, nr: entry.nr, args };
        expect(run(call).value).toBe(decideCall(t, call));
      }
  });

  it('refuses a table past BPF_MAXINSNS with a clear error', () => {
    const huge = archTable('x86_64', EPERM, NAMES.slice(0, 330).map((name, i) => [name, conditional(i)]));
    expect(() => compile(table([huge]))).toThrow(new RegExp(`has \\d+ instructions; the kernel accepts at most ${BPF_MAXINSNS} \\(BPF_MAXINSNS\\)`));
  });
});

describe('invalid tables', () => {
  it('names the problem', () => {
    const t = archTable('x86_64', EPERM, [['read', [{ when: [], action: ALLOW }]]]);
    expect(() => compile(table([]))).toThrow(/lists no architecture/);
    expect(() => compile(table([t, t]))).toThrow(/architecture x86_64 twice/);
    expect(() => compile(table([{ ...t, syscalls: [...t.syscalls, ...t.syscalls] }]))).toThrow(/"read" \(0\) is out of order or repeated/);
    expect(() => compile(table([{ ...t, syscalls: [{ name: 'x', nr: 0x40000001, rules: [] }] }]))).toThrow(/outside 0 to 1073741823/);
    expect(() => compile(table([archTable('x86_64', EPERM, [['read', [{ when: [cmp(6, 'EQ', 1n)], action: ALLOW }]]])]))).toThrow(/"read": argument comparison names argument 6/);
    expect(() => compile(table([archTable('x86_64', EPERM, [['read', [{ when: [cmp(0, 'EQ', 1n << 64n)], action: ALLOW }]]])]))).toThrow(/outside 0 to 2\^64-1/);
  });
});

describe('simplification', () => {
  it('drops rules that cannot change the answer, so the syscall becomes unconditional', () => {
    const t = table([archTable('x86_64', EPERM, [['read', [
      { when: [cmp(0, 'EQ', 1n)], action: ALLOW },
      { when: [], action: ALLOW },
      { when: [cmp(1, 'EQ', 1n)], action: { kind: 'trap' } },
    ]]])]);
    const { call, touched } = watchedCall(X86, 0);
    expect(emulator(compile(t))(call).value).toBe(actionValue(ALLOW));
    expect(touched()).toBe(false);
  });
});
