/**
 * The search over syscall numbers: an optimal alphabetic tree over the
 * intervals, minimising the weighted depth, so the common numbers sit near
 * the root and every lookup costs O(log intervals). A node is a `jge` that
 * splits the intervals, or, where single numbers stand out of one outcome
 * (X p X q X: an allow-list's denied calls), a short chain of `jeq` that
 * picks them out, which is cheaper than splitting around each. Knuth's bound
 * on the split keeps the search quadratic; past OPTIMAL_LIMIT intervals the
 * split is by half of the weight instead.
 */
import type { Interval } from './compile-intervals.js';

/** Split after interval `split`, or test the single-number intervals `points` in order (the rest share intervals[i]'s return). */
export type TreeNode = { readonly split: number } | { readonly points: readonly number[] };
export type Shape = (i: number, j: number) => TreeNode;

export const OPTIMAL_LIMIT = 1024;
/** Longest `jeq` chain considered: past a few points a split is cheaper. */
const MAX_POINTS = 4;

function prefixSums(intervals: readonly Interval[]): Float64Array {
  const prefix = new Float64Array(intervals.length + 1);
  intervals.forEach((iv, i) => { prefix[i + 1] = prefix[i]! + iv.weight; });
  return prefix;
}

export function searchTree(intervals: readonly Interval[]): Shape {
  return intervals.length > OPTIMAL_LIMIT ? halvingTree(intervals) : optimalTree(intervals);
}

/** Splits where the weight on both sides is closest to even. */
function halvingTree(intervals: readonly Interval[]): Shape {
  const prefix = prefixSums(intervals);
  return (i, j) => {
    const half = (prefix[i]! + prefix[j + 1]!) / 2;
    let k = i;
    while (k < j - 1 && prefix[k + 2]! <= half) k++;
    return { split: k };
  };
}

/** For each i: the last j such that i..j alternate one return and single numbers (X p X q X). */
function chainEnds(ivs: readonly Interval[]): Int32Array {
  const ends = new Int32Array(ivs.length).map((_, i) => i);
  for (let i = ivs.length - 3; i >= 0; i--) {
    const [x, p, y] = [ivs[i]!, ivs[i + 1]!, ivs[i + 2]!];
    if ('ret' in x.outcome && 'ret' in y.outcome && x.outcome.ret === y.outcome.ret && p.lo === p.hi) ends[i] = ends[i + 2]!;
  }
  return ends;
}

/** The points of i..j, heaviest first, and what testing them in that order costs. */
function chain(ivs: readonly Interval[], i: number, j: number): { points: number[]; cost: number } {
  const points = Array.from({ length: (j - i) / 2 }, (_, k) => i + 1 + 2 * k).sort((a, b) => ivs[b]!.weight - ivs[a]!.weight);
  let rest = 0;
  for (let k = i; k <= j; k += 2) rest += ivs[k]!.weight;
  const cost = points.reduce((sum, p, k) => sum + (k + 1) * ivs[p]!.weight, 0) + points.length * rest;
  return { points, cost };
}

function optimalTree(ivs: readonly Interval[]): Shape {
  const n = ivs.length;
  const prefix = prefixSums(ivs);
  const ends = chainEnds(ivs);
  const cost = new Float64Array(n * n);
  const root = new Int32Array(n * n);
  const chains = new Map<number, number[]>();
  for (let i = 0; i < n; i++) root[i * n + i] = i;
  for (let len = 2; len <= n; len++) {
    for (let i = 0; i + len - 1 < n; i++) {
      const j = i + len - 1;
      const lo = len === 2 ? i : root[i * n + j - 1]!;
      const hi = len === 2 ? i : Math.min(root[(i + 1) * n + j]!, j - 1);
      let best = Infinity;
      let bestK = lo;
      for (let k = lo; k <= hi; k++) {
        const c = cost[i * n + k]! + cost[(k + 1) * n + j]!;
        if (c < best) { best = c; bestK = k; }
      }
      cost[i * n + j] = best + prefix[j + 1]! - prefix[i]!;
      root[i * n + j] = bestK;
      if ((j - i) % 2 === 0 && j <= ends[i]! && (j - i) / 2 <= MAX_POINTS) {
        const c = chain(ivs, i, j);
        if (c.cost < cost[i * n + j]!) {
          cost[i * n + j] = c.cost;
          chains.set(i * n + j, c.points);
        }
      }
    }
  }
  return (i, j) => {
    const points = chains.get(i * n + j);
    return points ? { points } : { split: root[i * n + j]! };
  };
}
