/**
 * The kernel's checks on a seccomp filter, in the order it applies them
 * (bpf_check_classic, then seccomp_check_filter): length, known opcodes,
 * jumps inside the program, a final return, aligned seccomp_data loads, and
 * scratch memory written before it is read on every path.
 */
import type { BpfProgram } from './types.js';
import { BPF_MAXINSNS } from './types.js';
import { BPF, MEMWORDS, SECCOMP_DATA_SIZE, cls, op } from './opcodes.js';
import { BpfError } from './errors.js';

const ALU_OPS = [BPF.ADD, BPF.SUB, BPF.MUL, BPF.DIV, BPF.AND, BPF.OR, BPF.XOR, BPF.LSH, BPF.RSH];
const JUMP_OPS = [BPF.JEQ, BPF.JGE, BPF.JGT, BPF.JSET];

/** Every opcode seccomp accepts (seccomp_check_filter's list; no BPF_MOD, no packet loads). */
export const SECCOMP_OPCODES: ReadonlySet<number> = new Set([
  BPF.LD | BPF.W | BPF.ABS, BPF.LD | BPF.W | BPF.LEN, BPF.LDX | BPF.W | BPF.LEN,
  BPF.RET | BPF.K, BPF.RET | BPF.A,
  ...ALU_OPS.flatMap((o) => [BPF.ALU | o | BPF.K, BPF.ALU | o | BPF.X]), BPF.ALU | BPF.NEG,
  BPF.LD | BPF.IMM, BPF.LDX | BPF.IMM, BPF.MISC | BPF.TAX, BPF.MISC | BPF.TXA,
  BPF.LD | BPF.MEM, BPF.LDX | BPF.MEM, BPF.ST, BPF.STX,
  BPF.JMP | BPF.JA, ...JUMP_OPS.flatMap((o) => [BPF.JMP | o | BPF.K, BPF.JMP | o | BPF.X]),
]);

const MEMORY_OPCODES: ReadonlySet<number> = new Set([BPF.LD | BPF.MEM, BPF.LDX | BPF.MEM, BPF.ST, BPF.STX]);

const hex = (n: number) => `0x${n.toString(16).padStart(2, '0')}`;
/** An instruction as messages name it (built only for one that fails). */
const at = (pc: number, code: number) => `instruction ${pc} (code ${hex(code)})`;

/** Throws a BpfError naming the first instruction the kernel would reject. */
export function checkProgram(program: BpfProgram): void {
  const n = program.length;
  if (n === 0) throw new BpfError('the BPF program is empty');
  if (n > BPF_MAXINSNS) throw new BpfError(`the BPF program has ${n} instructions; the kernel accepts at most ${BPF_MAXINSNS} (BPF_MAXINSNS)`);
  for (let pc = 0; pc < n; pc++) {
    const insn = program[pc]!;
    if (!SECCOMP_OPCODES.has(insn.code)) throw new BpfError(`${at(pc, insn.code)} is not an opcode seccomp accepts`);
    const k = insn.k >>> 0;
    if (insn.code === (BPF.LD | BPF.W | BPF.ABS) && (k >= SECCOMP_DATA_SIZE || k % 4 !== 0))
      throw new BpfError(`${at(pc, insn.code)} loads seccomp_data offset ${k}, which is out of bounds or not 4-byte aligned`);
    if (insn.code === (BPF.ALU | BPF.DIV | BPF.K) && k === 0) throw new BpfError(`${at(pc, insn.code)} divides by the constant 0`);
    if ((insn.code === (BPF.ALU | BPF.LSH | BPF.K) || insn.code === (BPF.ALU | BPF.RSH | BPF.K)) && k >= 32)
      throw new BpfError(`${at(pc, insn.code)} shifts by ${k}, more than 31 bits`);
    if (MEMORY_OPCODES.has(insn.code) && k >= MEMWORDS)
      throw new BpfError(`${at(pc, insn.code)} addresses scratch word ${k}; there are ${MEMWORDS}`);
    if (insn.code === (BPF.JMP | BPF.JA) && k >= n - pc - 1) throw new BpfError(`${at(pc, insn.code)} jumps past the end of the program`);
    if (cls(insn.code) === BPF.JMP && op(insn.code) !== BPF.JA && (pc + insn.jt + 1 >= n || pc + insn.jf + 1 >= n))
      throw new BpfError(`${at(pc, insn.code)} jumps past the end of the program`);
  }
  if (cls(program[n - 1]!.code) !== BPF.RET) throw new BpfError(`the last instruction (${n - 1}) is not a return`);
  checkMemory(program);
}

/** Scratch memory must be stored before it is loaded, on every path (check_load_and_stores). */
function checkMemory(program: BpfProgram): void {
  const masks = new Array<number>(program.length).fill(0xffff);
  let valid = 0;
  for (let pc = 0; pc < program.length; pc++) {
    const insn = program[pc]!;
    valid &= masks[pc]!;
    const k = insn.k >>> 0;
    if (insn.code === BPF.ST || insn.code === BPF.STX) valid |= 1 << k;
    else if ((insn.code === (BPF.LD | BPF.MEM) || insn.code === (BPF.LDX | BPF.MEM)) && !(valid & (1 << k)))
      throw new BpfError(`instruction ${pc} reads scratch word ${k} before every path has written it`);
    else if (insn.code === (BPF.JMP | BPF.JA)) {
      masks[pc + 1 + k]! &= valid;
      valid = 0xffff;
    } else if (cls(insn.code) === BPF.JMP) {
      masks[pc + 1 + insn.jt]! &= valid;
      masks[pc + 1 + insn.jf]! &= valid;
      valid = 0xffff;
    }
  }
}
