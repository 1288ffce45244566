/**
 * A readable listing of a seccomp filter: labels on jump targets, `jeq
 * #0xc000003e` with the architecture named, syscall numbers named where the
 * accumulator is known to hold `nr` and the architecture is known, and
 * return values as actions. A forward pass tracks what the accumulator
 * holds (jumps only go forward, so one pass in order sees every edge).
 */
import type { BpfProgram, SockFilter } from './types.js';
import { AUDIT_ARCH, actionOf } from '../../engine/seccomp/types.js';
import { actionText } from '../../engine/seccomp/action-text.js';
import { BPF, cls, op, src } from './opcodes.js';

export interface DisasmOptions {
  /** Names a syscall number of an architecture (AUDIT_ARCH value). */
  readonly syscallName?: (arch: number, nr: number) => string | undefined;
}

interface State { readonly a: string | undefined; readonly arch: number | undefined }

const ARCH_NAMES = new Map<number, string>([[AUDIT_ARCH.x86_64, 'x86_64 (and x32)'], [AUDIT_ARCH.i386, 'i386'], [AUDIT_ARCH.aarch64, 'aarch64']]);
const ALU_NAMES: Record<number, string> = { [BPF.ADD]: 'add', [BPF.SUB]: 'sub', [BPF.MUL]: 'mul', [BPF.DIV]: 'div', [BPF.OR]: 'or', [BPF.AND]: 'and', [BPF.LSH]: 'lsh', [BPF.RSH]: 'rsh', [BPF.NEG]: 'neg', [BPF.MOD]: 'mod', [BPF.XOR]: 'xor' };
const JUMP_NAMES: Record<number, string> = { [BPF.JEQ]: 'jeq', [BPF.JGT]: 'jgt', [BPF.JGE]: 'jge', [BPF.JSET]: 'jset' };

const hex = (k: number) => `#0x${(k >>> 0).toString(16)}`;

export function fieldName(offset: number): string {
  if (offset === 0) return 'nr';
  if (offset === 4) return 'arch';
  if (offset === 8 || offset === 12) return `instruction_pointer ${offset === 8 ? 'low' : 'high'}`;
  return `args[${(offset - 16) >> 3}] ${offset % 8 === 0 ? 'low' : 'high'}`;
}

function text(insn: SockFilter, pc: number): string {
  const k = insn.k >>> 0;
  const operand = src(insn.code) === BPF.X ? 'x' : hex(k);
  switch (cls(insn.code)) {
    case BPF.LD:
      if (insn.code === (BPF.LD | BPF.W | BPF.ABS)) return `ld   [${k}]`;
      if (insn.code === (BPF.LD | BPF.MEM)) return `ld   M[${k}]`;
      if (insn.code === (BPF.LD | BPF.W | BPF.LEN)) return 'ld   #len';
      return `ld   ${hex(k)}`;
    case BPF.LDX: return insn.code === (BPF.LDX | BPF.MEM) ? `ldx  M[${k}]` : insn.code === (BPF.LDX | BPF.W | BPF.LEN) ? 'ldx  #len' : `ldx  ${hex(k)}`;
    case BPF.ST: return `st   M[${k}]`;
    case BPF.STX: return `stx  M[${k}]`;
    case BPF.ALU: return op(insn.code) === BPF.NEG ? 'neg' : `${(ALU_NAMES[op(insn.code)] ?? '?').padEnd(4)} ${operand}`;
    case BPF.JMP:
      if (op(insn.code) === BPF.JA) return `ja   L${pc + 1 + k}`;
      return `${(JUMP_NAMES[op(insn.code)] ?? 'j?').padEnd(4)} ${operand.padEnd(12)} L${pc + 1 + insn.jt}, L${pc + 1 + insn.jf}`;
    case BPF.RET: return insn.code === (BPF.RET | BPF.A) ? 'ret  a' : `ret  ${hex(k)}`;
    default: return insn.code === (BPF.MISC | BPF.TAX) ? 'tax' : 'txa';
  }
}

function merge(into: State | undefined, from: State): State {
  if (!into) return from;
  return { a: into.a === from.a ? into.a : undefined, arch: into.arch === from.arch ? into.arch : undefined };
}

export function disassemble(program: BpfProgram, options: DisasmOptions = {}): string {
  const states: (State | undefined)[] = new Array(program.length + 1);
  states[0] = { a: undefined, arch: undefined };
  const targets = new Set<number>();
  const lines: string[] = [];
  program.forEach((insn, pc) => {
    const state = states[pc] ?? { a: undefined, arch: undefined };
    const k = insn.k >>> 0;
    const flow = (to: number, s: State) => { if (to <= program.length) states[to] = merge(states[to], s); };
    let comment = '';
    const c = cls(insn.code);
    if (c === BPF.RET) comment = insn.code === (BPF.RET | BPF.A) ? '' : actionText(actionOf(k));
    else if (c === BPF.JMP && op(insn.code) === BPF.JA) { flow(pc + 1 + k, state); targets.add(pc + 1 + k); }
    else if (c === BPF.JMP) {
      const onArch = state.a === 'arch' && op(insn.code) === BPF.JEQ && src(insn.code) === BPF.K;
      if (onArch) comment = ARCH_NAMES.get(k) ?? '';
      else if (state.a === 'nr' && state.arch !== undefined && src(insn.code) === BPF.K) {
        const name = options.syscallName?.(state.arch, k);
        const relation = op(insn.code) === BPF.JGE ? '>= ' : op(insn.code) === BPF.JGT ? '> ' : '';
        if (name) comment = `${relation}${name}`;
      }
      flow(pc + 1 + insn.jt, onArch ? { ...state, arch: k } : state);
      flow(pc + 1 + insn.jf, state);
      targets.add(pc + 1 + insn.jt).add(pc + 1 + insn.jf);
    } else {
      const a = insn.code === (BPF.LD | BPF.W | BPF.ABS) ? fieldName(k) : c === BPF.LD || c === BPF.ALU || insn.code === (BPF.MISC | BPF.TXA) ? undefined : state.a;
      if (insn.code === (BPF.LD | BPF.W | BPF.ABS)) comment = fieldName(k);
      flow(pc + 1, { ...state, a });
    }
    lines.push(`${String(pc).padStart(5)}  ${text(insn, pc).padEnd(36)}${comment ? `; ${comment}` : ''}`.trimEnd());
  });
  return lines.map((line, pc) => `${targets.has(pc) ? `L${pc}:`.padEnd(7) : '       '}${line}`).join('\n') + '\n';
}
