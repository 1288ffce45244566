import { describe, expect, it } from 'vitest';
import { AUDIT_ARCH, X32_SYSCALL_BIT, actionValue } from '../../engine/seccomp/types.js';
import type { Action } from '../../engine/seccomp/types.js';
import { compile } from '../../enforcer/bpf/compile.js';
import { emulate, emulator } from '../../enforcer/bpf/emulate.js';
import { BPF, OFFSET } from '../../enforcer/bpf/opcodes.js';
import { ALLOW, ENOSYS_VALUE, EPERM, archTable, cmp, table } from '../helpers/tables.js';

const X86 = AUDIT_ARCH.x86_64;
const allowRead = archTable('x86_64', EPERM, [['read', [{ when: [], action: ALLOW }]]]);
const run = (t: ReturnType<typeof table>, nr: number, args: bigint[] = [], arch = X86) => emulate(compile(t), { arch, nr, args });

describe('architecture check', () => {
  it('loads arch first and gives a foreign architecture the bad-arch action after 3 instructions', () => {
    const program = compile(table([allowRead], { kind: 'trap' }));
    expect(program[0]).toEqual({ code: BPF.LD | BPF.W | BPF.ABS, jt: 0, jf: 0, k: OFFSET.arch });
    expect(emulate(program, { arch: AUDIT_ARCH.aarch64, nr: 0, args: [] })).toMatchObject({ value: 0x30000, executed: 3 });
    expect(emulate(program, { arch: AUDIT_ARCH.i386, nr: 3, args: [] }).value).toBe(0x30000);
  });

  it('denies x32 numbers as a foreign ABI when the table has no x32, except nr -1', () => {
    const t = table([allowRead]);
    expect(run(t, 0).value).toBe(actionValue(ALLOW));
    expect(run(t, X32_SYSCALL_BIT | 0).value).toBe(0x80000000);
    expect(run(t, X32_SYSCALL_BIT | 0x1234).value).toBe(0x80000000);
    expect(run(t, -1).value).toBe(ENOSYS_VALUE);
  });

  it('keeps x86_64 and x32 numbers apart when both are allowed', () => {
    const x32 = archTable('x32', EPERM, [['write', [{ when: [], action: ALLOW }]]]);
    const t = table([allowRead, x32]);
    expect(run(t, 0).value).toBe(actionValue(ALLOW)); // x86_64 read
    expect(run(t, 1).value).toBe(actionValue(EPERM)); // x86_64 write
    expect(run(t, X32_SYSCALL_BIT | 0).value).toBe(actionValue(EPERM)); // x32 read
    expect(run(t, X32_SYSCALL_BIT | 1).value).toBe(actionValue(ALLOW)); // x32 write
    expect(run(t, X32_SYSCALL_BIT | 0x3fff).value).toBe(ENOSYS_VALUE);
  });

  it('dispatches several architectures to their own tables', () => {
    const i386 = archTable('i386', { kind: 'errno', errno: 13 }, [['read', [{ when: [], action: ALLOW }]]]);
    const arm = archTable('aarch64', EPERM, [['read', [{ when: [], action: { kind: 'log' } }]]]);
    const t = table([allowRead, i386, arm]);
    expect(run(t, 3, [], AUDIT_ARCH.i386).value).toBe(actionValue(ALLOW));
    expect(run(t, 0, [], AUDIT_ARCH.i386).value).toBe(0x5000d);
    expect(run(t, 63, [], AUDIT_ARCH.aarch64).value).toBe(0x7ffc0000);
    expect(run(t, 63, [], 0x40000028).value).toBe(0x80000000);
  });
});

describe('numbers beyond the tables', () => {
  const beyond = (defaultAction: Action) => run(table([archTable('x86_64', defaultAction, [])]), allowRead.highestKnownNr + 1).value;
  it('get ENOSYS so libc falls back, unless the default allows, logs or traces', () => {
    expect(beyond(EPERM)).toBe(ENOSYS_VALUE);
    expect(beyond({ kind: 'kill_process' })).toBe(ENOSYS_VALUE);
    expect(beyond(ALLOW)).toBe(actionValue(ALLOW));
    expect(beyond({ kind: 'log' })).toBe(actionValue({ kind: 'log' }));
    expect(beyond({ kind: 'trace', data: 7 })).toBe(0x7ff00007);
    expect(run(table([allowRead]), allowRead.highestKnownNr).value).toBe(actionValue(EPERM));
  });
});

describe('actions', () => {
  it('returns exactly the values the kernel expects', () => {
    const actions: [Action, number][] = [
      [{ kind: 'kill_process' }, 0x80000000], [{ kind: 'kill_thread' }, 0], [{ kind: 'trap' }, 0x00030000],
      [{ kind: 'errno', errno: 4095 }, 0x00050fff], [{ kind: 'trace', data: 0xffff }, 0x7ff0ffff],
      [{ kind: 'log' }, 0x7ffc0000], [{ kind: 'notify' }, 0x7fc00000], [ALLOW, 0x7fff0000],
    ];
    const names = ['read', 'write', 'open', 'close', 'stat', 'fstat', 'lstat', 'poll'];
    const t = table([archTable('x86_64', { kind: 'errno', errno: 2 }, actions.map(([action], i) => [names[i]!, [{ when: [], action }]]))]);
    actions.forEach(([, value], nr) => expect(run(t, nr).value, names[nr]).toBe(value));
  });
});

describe('argument checks', () => {
  const rules = (when: ReturnType<typeof cmp>[], arch: 'x86_64' | 'i386' = 'x86_64') =>
    table([archTable(arch, EPERM, [['personality', [{ when, action: ALLOW }]]])]);
  const personality = (t: ReturnType<typeof table>, arg: bigint, arch = X86) => run(t, arch === X86 ? 135 : 136, [arg], arch).action.kind;

  it('compares both 32-bit halves of a 64-bit argument', () => {
    const t = rules([cmp(0, 'EQ', 0x100000005n)]);
    expect(personality(t, 0x100000005n)).toBe('allow');
    expect(personality(t, 5n)).toBe('errno');
    expect(personality(t, 0x200000005n)).toBe('errno');
  });

  it('orders unsigned 64-bit values across the halves', () => {
    const gt = rules([cmp(0, 'GT', 0x1_00000000n)]);
    expect(personality(gt, 0xffffffffn)).toBe('errno');
    expect(personality(gt, 0x1_00000000n)).toBe('errno');
    expect(personality(gt, 0x1_00000001n)).toBe('allow');
    expect(personality(gt, 0xffffffff_00000000n)).toBe('allow');
    const le = rules([cmp(0, 'LE', 0x2_80000000n)]);
    expect(personality(le, 0x2_80000000n)).toBe('allow');
    expect(personality(le, 0x2_80000001n)).toBe('errno');
    expect(personality(le, 0x1_ffffffffn)).toBe('allow');
  });

  it("masks both halves for MASKED_EQ: (arg & value) == valueTwo", () => {
    const t = rules([cmp(0, 'MASKED_EQ', 0x80000000_7e020000n, 0x80000000_00000000n)]);
    expect(personality(t, 0x80000000_00000011n)).toBe('allow');
    expect(personality(t, 0x00000000_00000011n)).toBe('errno');
    expect(personality(t, 0x80000000_10000011n)).toBe('errno');
  });

  it('reads only the low half on i386, the part the syscall uses', () => {
    const t = rules([cmp(0, 'EQ', 5n)], 'i386');
    const loads = compile(t).filter((i) => i.code === (BPF.LD | BPF.W | BPF.ABS)).map((i) => i.k);
    expect(loads).toEqual([OFFSET.arch, OFFSET.nr, OFFSET.argLow(0)]);
    expect(personality(t, 5n, AUDIT_ARCH.i386)).toBe('allow');
    expect(personality(rules([cmp(0, 'EQ', 0x100000005n)], 'i386'), 5n, AUDIT_ARCH.i386)).toBe('errno');
  });

  it('applies the first rule whose comparisons all hold, else the default', () => {
    const t = table([archTable('x86_64', EPERM, [['personality', [
      { when: [cmp(0, 'GE', 10n), cmp(1, 'NE', 0n)], action: { kind: 'errno', errno: 7 } },
      { when: [cmp(0, 'GE', 5n)], action: ALLOW },
      { when: [], action: { kind: 'trap' } },
    ]]])]);
    const value = (a0: bigint, a1: bigint) => emulator(compile(t))({ arch: X86, nr: 135, args: [a0, a1] }).value;
    expect(value(10n, 1n)).toBe(0x50007);
    expect(value(10n, 0n)).toBe(actionValue(ALLOW));
    expect(value(4n, 1n)).toBe(0x30000);
  });
});
