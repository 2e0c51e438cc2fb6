/**
 * The exhaustive planner: dynamic programming over all subsets of operands. The labels of the
 * tensor that contracts a subset S depend only on S (a label survives iff the output or an operand
 * outside S holds it), so the cheapest way to build S is the cheapest split S = S₁ ∪ S₂ plus the
 * cost of the last step, and the table fills in increasing order of the subset bitmask. Every split
 * is tried, outer products included: with small vectors on a large tensor (aᵢ bⱼ Tᵢⱼₖ with
 * i, j ≪ k) the outer product aᵢbⱼ first is strictly cheaper, so only this search is exact over
 * all trees; at 3ⁿ splits it runs for small n (the connected search of `connected.ts` takes the
 * larger ones). Subsets whose tensor exceeds the memory cap are never built (the whole network's
 * result is exempt). Ties in flops go to the smaller peak, then to the first split found.
 */
import type { PathStep } from "./cost.js";
import { type DenseProblem, denseProblem, type Tree, treeToPath } from "./tree.js";

/** Above this many operands the table (2ⁿ entries, 3ⁿ splits) is too large to fill. */
export const OPTIMAL_LIMIT = 16;

/** A searched tree with its cost. */
export interface Solution {
  tree: Tree;
  flops: number;
  peak: number;
}

/**
 * The cheapest tree over all operands of a dense problem, or `undefined` when no tree keeps every
 * intermediate within `maxIntermediate` entries.
 *
 * @example optimalTree(denseProblem([[0, 1], [1, 2], [2, 3]], [0, 3], sizes), Infinity)?.tree
 */
export function optimalTree(problem: DenseProblem, maxIntermediate: number): Solution | undefined {
  const { operands, sizes, inOutput } = problem;
  const n = operands.length;
  if (n > OPTIMAL_LIMIT) throw new RangeError(`plan: exhaustive search over ${n} operands`);
  if (n === 0) return undefined;
  if (n === 1) return { tree: 0, flops: 0, peak: 0 };
  const full = (1 << n) - 1;
  const labelCount = sizes.length;
  const holders = new Int32Array(labelCount);
  operands.forEach((labels, k) => {
    for (const id of labels) holders[id] |= 1 << k;
  });
  const kept: Int32Array[] = new Array(full + 1);
  const keptSize = new Float64Array(full + 1);
  const scratch = new Int32Array(labelCount);
  for (let mask = 1; mask <= full; mask++) {
    let count = 0;
    let s = 1;
    for (let id = 0; id < labelCount; id++) {
      const h = holders[id];
      if ((h & mask) !== 0 && (inOutput[id] === 1 || (h & ~mask & full) !== 0)) {
        scratch[count++] = id;
        s *= sizes[id];
      }
    }
    kept[mask] = scratch.slice(0, count);
    keptSize[mask] = s;
  }
  const flops = new Float64Array(full + 1).fill(Number.POSITIVE_INFINITY);
  const peak = new Float64Array(full + 1);
  const split = new Int32Array(full + 1);
  for (let k = 0; k < n; k++) flops[1 << k] = 0;
  const stamp = new Int32Array(labelCount).fill(-1);
  let tick = 0;
  for (let mask = 1; mask <= full; mask++) {
    const low = mask & -mask;
    if (mask === low) continue;
    if (mask !== full && keptSize[mask] > maxIntermediate) continue;
    let best = Number.POSITIVE_INFINITY;
    let bestPeak = Number.POSITIVE_INFINITY;
    let bestSplit = 0;
    const keptCount = kept[mask].length;
    for (let sub = (mask - 1) & mask; sub > 0; sub = (sub - 1) & mask) {
      if ((sub & low) === 0) continue;
      const other = mask ^ sub;
      const base = flops[sub] + flops[other];
      if (base > best) continue;
      let union = 1;
      let count = 0;
      tick++;
      for (const id of kept[sub]) {
        stamp[id] = tick;
        union *= sizes[id];
        count++;
      }
      for (const id of kept[other]) {
        if (stamp[id] !== tick) {
          union *= sizes[id];
          count++;
        }
      }
      const total = base + (count > keptCount ? 2 * union : union);
      const p = Math.max(peak[sub], peak[other], keptSize[mask]);
      if (total < best || (total === best && p < bestPeak)) {
        best = total;
        bestPeak = p;
        bestSplit = sub;
      }
    }
    flops[mask] = best;
    peak[mask] = bestPeak;
    split[mask] = bestSplit;
  }
  if (flops[full] === Number.POSITIVE_INFINITY) return undefined;
  const build = (mask: number): Tree =>
    (mask & (mask - 1)) === 0
      ? 31 - Math.clz32(mask)
      : [build(split[mask]), build(mask ^ split[mask])];
  return { tree: build(full), flops: flops[full], peak: peak[full] };
}

/**
 * The cheapest path for operands that already carry their effective labels (see `effectiveLabels`).
 *
 * @example optimalPath([[0, 1], [1, 2], [2, 3]], [0, 3], new Map([[0, 1000], [1, 2], [2, 1000], [3, 2]]))
 * // [[1, 2], [0, 1]]: B·C first, a 2×2 instead of a 1000×1000 intermediate
 */
export function optimalPath(
  inputs: readonly (readonly number[])[],
  output: readonly number[],
  sizes: ReadonlyMap<number, number>,
  maxIntermediate = Number.POSITIVE_INFINITY,
): PathStep[] {
  if (inputs.length <= 1) return [];
  const solution = optimalTree(denseProblem(inputs, output, sizes), maxIntermediate);
  if (solution === undefined) throw new RangeError(`plan: no path within ${maxIntermediate}`);
  return treeToPath(inputs.length, solution.tree);
}
