/** Classic BPF opcode fields (linux/bpf_common.h, linux/filter.h) and instruction builders. */
import type { SockFilter } from './types.js';

export const BPF = {
  // classes
  LD: 0x00, LDX: 0x01, ST: 0x02, STX: 0x03, ALU: 0x04, JMP: 0x05, RET: 0x06, MISC: 0x07,
  // ld/ldx size and mode
  W: 0x00, H: 0x08, B: 0x10,
  IMM: 0x00, ABS: 0x20, IND: 0x40, MEM: 0x60, LEN: 0x80, MSH: 0xa0,
  // alu operations
  ADD: 0x00, SUB: 0x10, MUL: 0x20, DIV: 0x30, OR: 0x40, AND: 0x50, LSH: 0x60, RSH: 0x70,
  NEG: 0x80, MOD: 0x90, XOR: 0xa0,
  // jump operations
  JA: 0x00, JEQ: 0x10, JGT: 0x20, JGE: 0x30, JSET: 0x40,
  // operand source
  K: 0x00, X: 0x08, A: 0x10,
  // misc
  TAX: 0x00, TXA: 0x80,
} as const;

/** Scratch memory words (BPF_MEMWORDS). */
export const MEMWORDS = 16;

/** sizeof(struct seccomp_data). */
export const SECCOMP_DATA_SIZE = 64;

/** Offsets inside struct seccomp_data (little-endian halves of the 64-bit fields). */
export const OFFSET = {
  nr: 0,
  arch: 4,
  ipLow: 8,
  ipHigh: 12,
  argLow: (i: number) => 16 + 8 * i,
  argHigh: (i: number) => 20 + 8 * i,
} as const;

export const cls = (code: number) => code & 0x07;
export const op = (code: number) => code & 0xf0;
export const src = (code: number) => code & 0x08;
export const mode = (code: number) => code & 0xe0;

export function stmt(code: number, k: number): SockFilter {
  return { code, jt: 0, jf: 0, k: k >>> 0 };
}

export function jump(code: number, k: number, jt: number, jf: number): SockFilter {
  return { code, jt, jf, k: k >>> 0 };
}

export const LD_ABS = BPF.LD | BPF.W | BPF.ABS;
export const RET_K = BPF.RET | BPF.K;
export const JA = BPF.JMP | BPF.JA;
export const JEQ_K = BPF.JMP | BPF.JEQ | BPF.K;
export const JGT_K = BPF.JMP | BPF.JGT | BPF.K;
export const JGE_K = BPF.JMP | BPF.JGE | BPF.K;
export const JSET_K = BPF.JMP | BPF.JSET | BPF.K;
export const AND_K = BPF.ALU | BPF.AND | BPF.K;
