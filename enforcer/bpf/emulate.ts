/**
 * A classic-BPF machine with seccomp's instruction set: runs a filter on one
 * syscall as the kernel would, after the kernel's own checks. It is the
 * oracle behind `seccomp check`, `explain` and `diff`, and the tests.
 */
import type { Action } from '../../engine/seccomp/types.js';
import { actionOf } from '../../engine/seccomp/types.js';
import type { BpfProgram } from './types.js';
import { BPF, MEMWORDS, SECCOMP_DATA_SIZE, cls, op, src } from './opcodes.js';
import { checkProgram } from './check.js';

/** What the kernel passes to a filter (struct seccomp_data). */
export interface SeccompData {
  readonly arch: number;
  /** The syscall number; negative numbers are read as their 32-bit two's complement. */
  readonly nr: number;
  /** Up to six 64-bit arguments; missing ones are 0. */
  readonly args: readonly bigint[];
  readonly ip?: bigint;
}

export interface Emulation {
  /** The filter's return value (unsigned 32-bit). */
  readonly value: number;
  readonly action: Action;
  /** Instructions executed, the return included. */
  readonly executed: number;
}

export type Emulator = (data: SeccompData) => Emulation;

const MASK64 = (1n << 64n) - 1n;

/** The 32-bit word at a byte offset of seccomp_data (little-endian halves). */
export function dataWord(data: SeccompData, offset: number): number {
  if (offset === 0) return data.nr >>> 0;
  if (offset === 4) return data.arch >>> 0;
  const field = offset < 16 ? (data.ip ?? 0n) : (data.args[(offset - 16) >> 3] ?? 0n);
  const value = BigInt.asUintN(64, field & MASK64);
  return Number(offset % 8 === 0 ? value & 0xffffffffn : value >> 32n);
}

/** Checks the program once (throws BpfError like the kernel's EINVAL) and returns a runner. */
export function emulator(program: BpfProgram): Emulator {
  checkProgram(program);
  return (data) => run(program, data);
}

export function emulate(program: BpfProgram, data: SeccompData): Emulation {
  return emulator(program)(data);
}

function alu(code: number, a: number, operand: number): number | undefined {
  switch (op(code)) {
    case BPF.ADD: return (a + operand) >>> 0;
    case BPF.SUB: return (a - operand) >>> 0;
    case BPF.MUL: return Math.imul(a, operand) >>> 0;
    case BPF.DIV: return operand === 0 ? undefined : Math.floor(a / operand) >>> 0;
    case BPF.OR: return (a | operand) >>> 0;
    case BPF.AND: return (a & operand) >>> 0;
    case BPF.XOR: return (a ^ operand) >>> 0;
    case BPF.LSH: return (a << (operand & 31)) >>> 0;
    case BPF.RSH: return a >>> (operand & 31);
    case BPF.NEG: return (-a) >>> 0;
    default: throw new Error(`unreachable ALU op ${code}`);
  }
}

function taken(code: number, a: number, operand: number): boolean {
  switch (op(code)) {
    case BPF.JEQ: return a === operand;
    case BPF.JGT: return a > operand;
    case BPF.JGE: return a >= operand;
    default: return (a & operand) !== 0; // BPF_JSET
  }
}

function run(program: BpfProgram, data: SeccompData): Emulation {
  let a = 0, x = 0, pc = 0, executed = 0;
  const mem = new Uint32Array(MEMWORDS);
  const done = (value: number): Emulation => ({ value: value >>> 0, action: actionOf(value), executed });
  for (;;) {
    const insn = program[pc]!;
    const k = insn.k >>> 0;
    executed++;
    pc++;
    switch (cls(insn.code)) {
      case BPF.LD:
        if (insn.code === (BPF.LD | BPF.W | BPF.ABS)) a = dataWord(data, k);
        else if (insn.code === (BPF.LD | BPF.W | BPF.LEN)) a = SECCOMP_DATA_SIZE;
        else if (insn.code === (BPF.LD | BPF.MEM)) a = mem[k]!;
        else a = k;
        break;
      case BPF.LDX:
        x = insn.code === (BPF.LDX | BPF.MEM) ? mem[k]! : insn.code === (BPF.LDX | BPF.W | BPF.LEN) ? SECCOMP_DATA_SIZE : k;
        break;
      case BPF.ST: mem[k] = a; break;
      case BPF.STX: mem[k] = x; break;
      case BPF.ALU: {
        const result = alu(insn.code, a, src(insn.code) === BPF.X ? x : k);
        if (result === undefined) return done(0); // division by X = 0 ends the filter with 0
        a = result;
        break;
      }
      case BPF.JMP:
        if (op(insn.code) === BPF.JA) pc += k;
        else pc += taken(insn.code, a, src(insn.code) === BPF.X ? x : k) ? insn.jt : insn.jf;
        break;
      case BPF.RET: return done(insn.code === (BPF.RET | BPF.A) ? a : k);
      case BPF.MISC: if (insn.code === (BPF.MISC | BPF.TAX)) x = a; else a = x; break;
    }
  }
}
