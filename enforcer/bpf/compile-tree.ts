/**
 * The search over syscall numbers: an optimal alphabetic binary tree over
 * the intervals (each internal node one `jge`), minimising the weighted
 * depth, so the common numbers sit near the root and every lookup costs
 * O(log intervals). Knuth's bound on the roots keeps the search quadratic;
 * past OPTIMAL_LIMIT intervals the split is by half of the weight instead.
 */
import type { Interval } from './compile-intervals.js';

/** root(i, j): the last interval of the left subtree for intervals i..j (i < j). */
export type Roots = (i: number, j: number) => number;

export const OPTIMAL_LIMIT = 1024;

function prefixSums(intervals: readonly Interval[]): Float64Array {
  const prefix = new Float64Array(intervals.length + 1);
  intervals.forEach((iv, i) => { prefix[i + 1] = prefix[i]! + iv.weight; });
  return prefix;
}

export function searchTree(intervals: readonly Interval[]): Roots {
  return intervals.length > OPTIMAL_LIMIT ? halvingTree(intervals) : optimalTree(intervals);
}

/** Splits where the weight on both sides is closest to even. */
function halvingTree(intervals: readonly Interval[]): Roots {
  const prefix = prefixSums(intervals);
  return (i, j) => {
    const half = (prefix[i]! + prefix[j + 1]!) / 2;
    let k = i;
    while (k < j - 1 && prefix[k + 2]! <= half) k++;
    return k;
  };
}

function optimalTree(intervals: readonly Interval[]): Roots {
  const n = intervals.length;
  const prefix = prefixSums(intervals);
  const cost = new Float64Array(n * n);
  const root = new Int32Array(n * n);
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
    }
  }
  return (i, j) => root[i * n + j]!;
}
