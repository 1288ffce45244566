/**
 * Argument vectors that exercise a syscall's comparisons: for each rule, a
 * vector meeting all of its comparisons, then each comparison pushed to its
 * boundaries (value - 1, value, value + 1, high half flipped or cleared,
 * masked bits set and cleared) while the others still hold.
 */
import type { ArgCompare, SyscallEntry } from '../../engine/seccomp/types.js';
import type { Random } from './random.js';

const MAX = (1n << 64n) - 1n;
const U32 = 0xffffffffn;
const clamp = (v: bigint) => (v < 0n ? 0n : v > MAX ? MAX : v);

function meeting(c: ArgCompare, r: Random): bigint {
  switch (c.op) {
    case 'EQ': case 'LE': case 'GE': return c.value;
    case 'NE': case 'GT': return c.value === MAX ? c.value - 1n : c.value + 1n;
    case 'LT': return c.value === 0n ? 0n : c.value - 1n;
    case 'MASKED_EQ': return c.valueTwo | (r.u64() & ~c.value & MAX);
  }
}

function boundaries(c: ArgCompare, r: Random): bigint[] {
  const v = c.value;
  const out = [v - 1n, v, v + 1n, v ^ (1n << 32n), v & U32, v | (1n << 32n), v ^ 1n, r.u64()];
  if (c.op === 'MASKED_EQ') {
    const lowest = c.value & -c.value;
    out.push(c.valueTwo, c.valueTwo ^ lowest, c.valueTwo | (~c.value & MAX), c.valueTwo ^ (c.value & (U32 << 32n)), c.valueTwo ^ (c.value & U32));
  }
  return out.map(clamp);
}

export function argVectors(entry: SyscallEntry | undefined, r: Random, narrow: boolean): bigint[][] {
  const vectors: bigint[][] = [[0n, 0n, 0n, 0n, 0n, 0n], Array.from({ length: 6 }, () => r.u64())];
  for (const rule of entry?.rules ?? []) {
    const base = Array.from({ length: 6 }, () => (r.chance(0.5) ? 0n : r.u64()));
    for (const c of rule.when) base[c.index] = meeting(c, r);
    vectors.push(base);
    for (const c of rule.when)
      for (const v of boundaries(c, r)) {
        const vector = [...base];
        vector[c.index] = v;
        vectors.push(vector);
      }
  }
  return narrow ? vectors.map((v) => v.map((a) => a & U32)) : vectors;
}
