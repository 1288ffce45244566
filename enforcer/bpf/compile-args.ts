/**
 * Argument checks. Arguments are 64 bits and BPF words 32, so every
 * comparison looks at both halves (high at 20+8i, low at 16+8i), high first;
 * on 32-bit architectures the high half is known to be 0 and is not loaded.
 * All comparisons are unsigned, as in libseccomp and the kernel.
 */
import type { ArgCompare } from '../../engine/seccomp/types.js';
import type { Assembler, Label } from './assembler.js';
import type { Rules } from './compile-rules.js';
import { AND_K, JEQ_K, JGE_K, JGT_K, JSET_K, LD_ABS, OFFSET } from './opcodes.js';
import { high, low } from './compile-rules.js';

interface Ctx {
  readonly asm: Assembler;
  readonly narrow: boolean;
  /** The seccomp_data offset the accumulator holds, if known. */
  loaded: number | undefined;
}

function load(ctx: Ctx, offset: number): void {
  if (ctx.loaded !== offset) ctx.asm.insn(LD_ABS, offset);
  ctx.loaded = offset;
}

function equal(ctx: Ctx, i: number, v: bigint, pass: Label, fail: Label): void {
  if (!ctx.narrow) {
    load(ctx, OFFSET.argHigh(i));
    const next = ctx.asm.label();
    ctx.asm.jump(JEQ_K, high(v), next, fail);
    ctx.asm.place(next);
  }
  load(ctx, OFFSET.argLow(i));
  ctx.asm.jump(JEQ_K, low(v), pass, fail);
}

/** A > v (strict) or A >= v: higher high half passes, equal high half decides on the low half. */
function greater(ctx: Ctx, i: number, v: bigint, strict: boolean, pass: Label, fail: Label): void {
  const [vh, vl] = [high(v), low(v)];
  if (!ctx.narrow) {
    load(ctx, OFFSET.argHigh(i));
    const lowDecides = strict ? vl !== 0xffffffff : vl !== 0;
    if (!lowDecides) return ctx.asm.jump(strict ? JGT_K : JGE_K, vh, pass, fail);
    if (vh !== 0xffffffff) {
      const eq = ctx.asm.label();
      ctx.asm.jump(JGT_K, vh, pass, eq);
      ctx.asm.place(eq);
    }
    const next = ctx.asm.label();
    ctx.asm.jump(JEQ_K, vh, next, fail);
    ctx.asm.place(next);
  }
  load(ctx, OFFSET.argLow(i));
  ctx.asm.jump(strict ? JGT_K : JGE_K, vl, pass, fail);
}

/** (A & mask) == want on one half: a single `jset` when want is 0, or the one bit of mask. */
function maskedHalf(ctx: Ctx, offset: number, mask: number, want: number, pass: Label, fail: Label): void {
  load(ctx, offset);
  if (want === 0) return ctx.asm.jump(JSET_K, mask, fail, pass);
  if (want === mask && (mask & (mask - 1)) === 0) return ctx.asm.jump(JSET_K, mask, pass, fail);
  if (mask !== 0xffffffff) {
    ctx.asm.insn(AND_K, mask);
    ctx.loaded = undefined;
  }
  ctx.asm.jump(JEQ_K, want, pass, fail);
}

function masked(ctx: Ctx, i: number, mask: bigint, want: bigint, pass: Label, fail: Label): void {
  const doLow = low(mask) !== 0;
  if (!ctx.narrow && high(mask) !== 0) {
    const next = doLow ? ctx.asm.label() : pass;
    maskedHalf(ctx, OFFSET.argHigh(i), high(mask), high(want), next, fail);
    if (doLow) ctx.asm.place(next);
  }
  if (doLow) maskedHalf(ctx, OFFSET.argLow(i), low(mask), low(want), pass, fail);
}

function compare(ctx: Ctx, c: ArgCompare, pass: Label, fail: Label): void {
  switch (c.op) {
    case 'EQ': return equal(ctx, c.index, c.value, pass, fail);
    case 'NE': return equal(ctx, c.index, c.value, fail, pass);
    case 'GT': return greater(ctx, c.index, c.value, true, pass, fail);
    case 'GE': return greater(ctx, c.index, c.value, false, pass, fail);
    case 'LT': return greater(ctx, c.index, c.value, false, fail, pass);
    case 'LE': return greater(ctx, c.index, c.value, true, fail, pass);
    case 'MASKED_EQ': return masked(ctx, c.index, c.value, c.valueTwo, pass, fail);
  }
}

/** Emits one syscall's conditional rules at the current position (first match wins). */
export function emitRules(asm: Assembler, rules: Rules, narrow: boolean): void {
  const ctx: Ctx = { asm, narrow, loaded: undefined };
  rules.rules.forEach((rule, r) => {
    const last = r === rules.rules.length - 1;
    const fail = last ? asm.ret(rules.fallback) : asm.label();
    rule.when.forEach((c, j) => {
      const pass = j === rule.when.length - 1 ? asm.ret(rule.value) : asm.label();
      compare(ctx, c, pass, fail);
      if (j < rule.when.length - 1) {
        asm.place(pass);
        ctx.loaded = undefined;
      }
    });
    if (!last) {
      asm.place(fail);
      ctx.loaded = undefined;
    }
  });
}
