/**
 * Symbolic BPF: instructions jump to labels, returns are shared from a pool
 * at the end, and `assemble` turns labels into offsets. A conditional jump
 * reaches at most 255 instructions ahead; a farther target gets a trampoline
 * right after the jump: a copy of the return when the target is one, else a
 * `ja` (32-bit offset). Only the far branch pays for it, by one instruction.
 */
import type { BpfProgram, SockFilter } from './types.js';
import { JA, RET_K, jump, stmt } from './opcodes.js';

export type Label = number;

type Item =
  | { readonly kind: 'insn'; readonly code: number; readonly k: number }
  | { readonly kind: 'ret'; readonly value: number }
  | { readonly kind: 'jump'; readonly code: number; readonly k: number; readonly jt: Label; readonly jf: Label }
  | { readonly kind: 'goto'; readonly target: Label }
  | { readonly kind: 'label'; readonly label: Label };

const MAX_COND = 255;

export class Assembler {
  private readonly items: Item[] = [];
  private readonly pool = new Map<number, Label>();
  private labels = 0;

  label(): Label {
    return this.labels++;
  }

  place(label: Label): void {
    this.items.push({ kind: 'label', label });
  }

  insn(code: number, k: number): void {
    this.items.push({ kind: 'insn', code, k: k >>> 0 });
  }

  jump(code: number, k: number, jt: Label, jf: Label): void {
    this.items.push({ kind: 'jump', code, k: k >>> 0, jt, jf });
  }

  /** The label of the shared `ret #value`. */
  ret(value: number): Label {
    const v = value >>> 0;
    let label = this.pool.get(v);
    if (label === undefined) this.pool.set(v, (label = this.label()));
    return label;
  }

  assemble(): BpfProgram {
    let items: Item[] = [...this.items];
    for (const [value, label] of this.pool) items.push({ kind: 'label', label }, { kind: 'ret', value });
    for (;;) {
      const { at, returns } = resolve(items);
      const far = (pc: number, target: Label) => at(target) - pc - 1 > MAX_COND;
      const next: Item[] = [];
      let pc = 0;
      let changed = false;
      for (const item of items) {
        if (item.kind === 'label') { next.push(item); continue; }
        if (item.kind !== 'jump' || (!far(pc, item.jt) && !far(pc, item.jf))) { next.push(item); pc++; continue; }
        changed = true;
        const trampolines = new Map<Label, Label>();
        const via = (target: Label) => {
          if (!far(pc, target)) return target;
          let t = trampolines.get(target);
          if (t === undefined) trampolines.set(target, (t = this.label()));
          return t;
        };
        next.push({ ...item, jt: via(item.jt), jf: via(item.jf) });
        for (const [target, t] of trampolines) {
          const value = returns.get(target);
          next.push({ kind: 'label', label: t }, value === undefined ? { kind: 'goto', target } : { kind: 'ret', value });
        }
        pc++;
      }
      items = next;
      if (!changed) return emit(items, at);
    }
  }
}

function resolve(items: readonly Item[]) {
  const positions = new Map<Label, number>();
  const returns = new Map<Label, number>();
  let pc = 0;
  let pending: Label[] = [];
  for (const item of items) {
    if (item.kind === 'label') { positions.set(item.label, pc); pending.push(item.label); continue; }
    if (item.kind === 'ret') for (const l of pending) returns.set(l, item.value);
    pending = [];
    pc++;
  }
  const at = (label: Label): number => {
    const p = positions.get(label);
    if (p === undefined || p >= pc) throw new Error(`BPF assembler: label ${label} is not followed by an instruction`);
    return p;
  };
  return { at, returns };
}

function emit(items: readonly Item[], at: (label: Label) => number): SockFilter[] {
  const out: SockFilter[] = [];
  const offset = (target: Label) => {
    const d = at(target) - out.length - 1;
    if (d < 0) throw new Error('BPF assembler: a jump goes backwards');
    return d;
  };
  for (const item of items) {
    switch (item.kind) {
      case 'label': break;
      case 'insn': out.push(stmt(item.code, item.k)); break;
      case 'ret': out.push(stmt(RET_K, item.value)); break;
      case 'goto': out.push(stmt(JA, offset(item.target))); break;
      case 'jump': out.push(jump(item.code, item.k, offset(item.jt), offset(item.jf))); break;
    }
  }
  return out;
}
