import { describe, expect, it } from 'vitest';
import type { SockFilter } from '../../enforcer/bpf/types.js';
import { BPF_MAXINSNS } from '../../enforcer/bpf/types.js';
import { BPF, jump, stmt } from '../../enforcer/bpf/opcodes.js';
import { dataWord, emulate } from '../../enforcer/bpf/emulate.js';
import { checkProgram } from '../../enforcer/bpf/check.js';

const ret = (k: number) => stmt(BPF.RET | BPF.K, k);
const retA = stmt(BPF.RET | BPF.A, 0);
const ld = (k: number) => stmt(BPF.LD | BPF.W | BPF.ABS, k);
const call = { arch: 0xc000003e, nr: 59, args: [0x1122334455667788n, 2n, 3n, 4n, 5n, 0xffffffffffffffffn], ip: 0xaabbccdd00112233n };
const value = (program: SockFilter[]) => emulate(program, call).value;

describe('seccomp_data words', () => {
  it('reads nr, arch, the instruction pointer and both halves of each argument (little-endian)', () => {
    expect(dataWord(call, 0)).toBe(59);
    expect(dataWord(call, 4)).toBe(0xc000003e);
    expect(dataWord(call, 8)).toBe(0x00112233);
    expect(dataWord(call, 12)).toBe(0xaabbccdd);
    expect(dataWord(call, 16)).toBe(0x55667788);
    expect(dataWord(call, 20)).toBe(0x11223344);
    expect(dataWord(call, 56)).toBe(0xffffffff);
    expect(dataWord(call, 60)).toBe(0xffffffff);
    expect(dataWord({ ...call, nr: -1 }, 0)).toBe(0xffffffff);
  });
});

describe('the BPF machine', () => {
  it('returns a constant or the accumulator, and counts executed instructions', () => {
    expect(emulate([ld(4), retA], call)).toEqual({ value: 0xc000003e, action: { kind: 'kill_process' }, executed: 2 });
    expect(emulate([ret(0x7fff0000)], call).action).toEqual({ kind: 'allow' });
    expect(emulate([ret(0x00050016)], call).action).toEqual({ kind: 'errno', errno: 22 });
  });

  it('implements every ALU operation with K and X, wrapping at 32 bits', () => {
    const alu = (op: number, a: number, k: number) => value([stmt(BPF.LD | BPF.IMM, a), stmt(BPF.ALU | op | BPF.K, k), retA]);
    const aluX = (op: number, a: number, x: number) => value([stmt(BPF.LDX | BPF.IMM, x), stmt(BPF.LD | BPF.IMM, a), stmt(BPF.ALU | op | BPF.X, 0), retA]);
    expect(alu(BPF.ADD, 0xffffffff, 2)).toBe(1);
    expect(alu(BPF.SUB, 1, 2)).toBe(0xffffffff);
    expect(alu(BPF.MUL, 0x10000, 0x10001)).toBe(0x10000);
    expect(alu(BPF.DIV, 0xffffffff, 16)).toBe(0x0fffffff);
    expect(alu(BPF.OR, 0xf0, 0x0f)).toBe(0xff);
    expect(alu(BPF.AND, 0xf0f0, 0xff00)).toBe(0xf000);
    expect(alu(BPF.XOR, 0xff, 0x0f)).toBe(0xf0);
    expect(alu(BPF.LSH, 0x80000001, 1)).toBe(2);
    expect(alu(BPF.RSH, 0x80000000, 31)).toBe(1);
    expect(value([stmt(BPF.LD | BPF.IMM, 1), stmt(BPF.ALU | BPF.NEG, 0), retA])).toBe(0xffffffff);
    expect(aluX(BPF.ADD, 5, 7)).toBe(12);
    expect(aluX(BPF.DIV, 7, 2)).toBe(3);
    expect(aluX(BPF.LSH, 1, 33)).toBe(2); // shift counts taken modulo 32, as the interpreter does
  });

  it('ends the filter with 0 (kill) on division by X = 0', () => {
    expect(emulate([stmt(BPF.LDX | BPF.IMM, 0), stmt(BPF.ALU | BPF.DIV | BPF.X, 0), ret(0x7fff0000)], call)).toMatchObject({ value: 0, executed: 2 });
  });

  it('moves values through X and scratch memory, and loads the data length', () => {
    expect(value([ld(0), stmt(BPF.MISC | BPF.TAX, 0), stmt(BPF.LD | BPF.IMM, 9), stmt(BPF.MISC | BPF.TXA, 0), retA])).toBe(59);
    expect(value([ld(0), stmt(BPF.ST, 15), stmt(BPF.LD | BPF.IMM, 0), stmt(BPF.LDX | BPF.MEM, 15), stmt(BPF.MISC | BPF.TXA, 0), retA])).toBe(59);
    expect(value([stmt(BPF.LDX | BPF.IMM, 7), stmt(BPF.STX, 3), stmt(BPF.LD | BPF.MEM, 3), retA])).toBe(7);
    expect(value([stmt(BPF.LD | BPF.W | BPF.LEN, 0), retA])).toBe(64);
    expect(value([stmt(BPF.LDX | BPF.W | BPF.LEN, 0), stmt(BPF.MISC | BPF.TXA, 0), retA])).toBe(64);
  });

  it('jumps on eq, gt, ge (unsigned) and set, with K and X, and always with ja', () => {
    const branch = (code: number, a: number, k: number) => value([stmt(BPF.LD | BPF.IMM, a), stmt(BPF.LDX | BPF.IMM, k), jump(BPF.JMP | code, k, 0, 1), ret(1), ret(2)]);
    expect(branch(BPF.JEQ | BPF.K, 5, 5)).toBe(1);
    expect(branch(BPF.JEQ | BPF.K, 5, 6)).toBe(2);
    expect(branch(BPF.JGT | BPF.K, 0x80000000, 1)).toBe(1); // unsigned: not negative
    expect(branch(BPF.JGT | BPF.K, 5, 5)).toBe(2);
    expect(branch(BPF.JGE | BPF.K, 5, 5)).toBe(1);
    expect(branch(BPF.JSET | BPF.K, 6, 2)).toBe(1);
    expect(branch(BPF.JSET | BPF.K, 6, 1)).toBe(2);
    expect(branch(BPF.JEQ | BPF.X, 9, 9)).toBe(1);
    expect(branch(BPF.JGT | BPF.X, 9, 10)).toBe(2);
    expect(branch(BPF.JGE | BPF.X, 10, 9)).toBe(1);
    expect(branch(BPF.JSET | BPF.X, 8, 7)).toBe(2);
    expect(emulate([stmt(BPF.JMP | BPF.JA, 1), ret(1), ret(2)], call)).toMatchObject({ value: 2, executed: 2 });
  });
});

describe("the kernel's checks", () => {
  const rejects = (program: SockFilter[], message: RegExp) => expect(() => checkProgram(program)).toThrow(message);

  it('accepts a well-formed program', () => {
    expect(() => checkProgram([ld(4), jump(BPF.JMP | BPF.JEQ | BPF.K, 1, 0, 1), ret(0), ret(1)])).not.toThrow();
  });
  it('rejects empty and too long programs', () => {
    rejects([], /empty/);
    rejects(Array.from({ length: BPF_MAXINSNS + 1 }, () => ret(0)), /4097 instructions.*at most 4096/);
  });
  it('rejects jumps out of the program', () => {
    rejects([jump(BPF.JMP | BPF.JEQ | BPF.K, 1, 1, 0), ret(0)], /instruction 0 .*jumps past the end/);
    rejects([stmt(BPF.JMP | BPF.JA, 1), ret(0)], /jumps past the end/);
  });
  it('rejects seccomp_data loads out of bounds or unaligned', () => {
    rejects([ld(64), ret(0)], /offset 64/);
    rejects([ld(2), ret(0)], /offset 2.*aligned/);
  });
  it('rejects opcodes seccomp does not accept', () => {
    rejects([stmt(BPF.LD | BPF.H | BPF.ABS, 0), ret(0)], /not an opcode seccomp accepts/);
    rejects([stmt(BPF.ALU | BPF.MOD | BPF.K, 3), ret(0)], /not an opcode/);
    rejects([stmt(BPF.LD | BPF.W | BPF.IND, 0), ret(0)], /not an opcode/);
  });
  it('rejects division by constant 0, shifts past 31, scratch words past 15', () => {
    rejects([stmt(BPF.ALU | BPF.DIV | BPF.K, 0), ret(0)], /divides by the constant 0/);
    rejects([stmt(BPF.ALU | BPF.LSH | BPF.K, 32), ret(0)], /shifts by 32/);
    rejects([stmt(BPF.ST, 16), ret(0)], /scratch word 16/);
  });
  it('rejects a program that does not end in a return', () => {
    rejects([ret(0), ld(0)], /last instruction \(1\) is not a return/);
  });
  it('rejects reading scratch memory some path has not written', () => {
    rejects([stmt(BPF.LD | BPF.MEM, 0), retA], /reads scratch word 0/);
    rejects([ld(0), jump(BPF.JMP | BPF.JEQ | BPF.K, 1, 0, 1), stmt(BPF.ST, 2), stmt(BPF.LD | BPF.MEM, 2), retA], /instruction 3 reads scratch word 2/);
    expect(() => checkProgram([stmt(BPF.ST, 2), ld(0), jump(BPF.JMP | BPF.JEQ | BPF.K, 1, 0, 0), stmt(BPF.LD | BPF.MEM, 2), retA])).not.toThrow();
  });
});
