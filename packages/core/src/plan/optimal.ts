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
 *
 * Label sets are bitmasks (`bits.ts`), so a split costs a few word operations: a label both sides
 * hold is kept by both, so the step's size is size(S₁)·size(S₂)/size(S₁ ∩ S₂), and it sums a label
 * iff kept(S₁) ∪ kept(S₂) ≠ kept(S). A split whose step cannot beat the best so far (it costs at
 * least the size of either side and of the result) is not scored, and an optional bound on the
 * total prunes further. The tables are reused from call to call: refinement makes thousands of
 * small searches.
 */
import { bitsProduct, labelSets } from "./bits.js";
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
 * intermediate within `maxIntermediate` entries and costs at most `bound` flops. (A bound prunes:
 * a subset's tensor is not built when it would cost more than the bound less its size, the least
 * the next step pays; the tree found is the one found without it.)
 *
 * @example optimalTree(denseProblem([[0, 1], [1, 2], [2, 3]], [0, 3], sizes), Infinity)?.tree
 */
export function optimalTree(
  problem: DenseProblem,
  maxIntermediate: number,
  bound = Number.POSITIVE_INFINITY,
): Solution | undefined {
  const n = problem.operands.length;
  if (n > OPTIMAL_LIMIT) throw new RangeError(`plan: exhaustive search over ${n} operands`);
  if (n === 0) return undefined;
  if (n === 1) return { tree: 0, flops: 0, peak: 0 };
  const full = (1 << n) - 1;
  const { words, own, outputs, sizes: local } = labelSets(problem);
  const { held, kept, keptSize, flops, peak, split } = tables(full + 1, words);
  held.fill(0, 0, words);
  for (let mask = 1; mask <= full; mask++) {
    const low = 31 - Math.clz32(mask & -mask);
    const rest = mask & (mask - 1);
    for (let w = 0; w < words; w++)
      held[mask * words + w] = held[rest * words + w] | own[low * words + w];
  }
  for (let mask = 1; mask <= full; mask++) {
    let s = 1;
    for (let w = 0; w < words; w++) {
      const k = held[mask * words + w] & (held[(full ^ mask) * words + w] | outputs[w]);
      kept[mask * words + w] = k;
      s *= bitsProduct(k, w, local);
    }
    keptSize[mask] = s;
  }
  for (let k = 0; k < n; k++) {
    flops[1 << k] = 0;
    peak[1 << k] = 0;
  }
  for (let mask = 1; mask <= full; mask++) {
    const low = mask & -mask;
    if (mask === low) continue;
    const size = keptSize[mask];
    // (a step costs at least its result's size, and so does the next step)
    if (mask !== full && (size > maxIntermediate || 2 * size > bound)) {
      flops[mask] = Number.POSITIVE_INFINITY;
      continue;
    }
    let best = mask === full ? bound : bound - size;
    let bestPeak = Number.POSITIVE_INFINITY;
    let bestSplit = 0;
    // the subsets holding the lowest operand, largest first; the rest of `mask` is the other side
    const rest = mask ^ low;
    let r = rest;
    do {
      r = (r - 1) & rest;
      const sub = r | low;
      const other = rest ^ r;
      const base = flops[sub] + flops[other];
      // The step's labels include both operands' and the result's: it costs at least their size.
      const ks = keptSize[sub];
      const ko = keptSize[other];
      if (base + Math.max(ks, ko, size) > best) continue;
      // A label both sides hold is kept by both: the step's size multiplies the sides' sizes and
      // divides by the shared labels' sizes. It sums a label if the result keeps fewer.
      let shared = 1;
      let sums = false;
      if (words === 1) {
        const a = kept[sub];
        const b = kept[other];
        sums = (a | b) !== kept[mask];
        if ((a & b) !== 0) shared = bitsProduct(a & b, 0, local);
      } else {
        for (let w = 0; w < words; w++) {
          const a = kept[sub * words + w];
          const b = kept[other * words + w];
          if ((a | b) !== kept[mask * words + w]) sums = true;
          if ((a & b) !== 0) shared *= bitsProduct(a & b, w, local);
        }
      }
      // (a shared label of size 0 makes the step empty)
      const union = shared === 0 ? 0 : (ks / shared) * ko;
      const total = base + (sums ? 2 * union : union);
      if (total > best) continue;
      const p = Math.max(peak[sub], peak[other], size);
      if (total < best || p < bestPeak) {
        best = total;
        bestPeak = p;
        bestSplit = sub;
      }
    } while (r !== 0);
    flops[mask] = bestSplit === 0 ? Number.POSITIVE_INFINITY : best;
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
 * The search's tables, indexed by subset: `held` (the labels some operand of the subset holds) and
 * `kept` (those its tensor keeps), `words` words per subset; the kept size, the cheapest flops, the
 * peak and the split found. They are reused from call to call (refinement makes thousands of small
 * searches), so every entry a search reads it writes first.
 */
interface Tables {
  held: Int32Array;
  kept: Int32Array;
  keptSize: Float64Array;
  flops: Float64Array;
  peak: Float64Array;
  split: Int32Array;
}

let reused: Tables | undefined;

function tables(subsets: number, words: number): Tables {
  if (
    reused === undefined ||
    reused.flops.length < subsets ||
    reused.held.length < subsets * words
  ) {
    const size = Math.max(subsets, reused?.flops.length ?? 0);
    const bits = Math.max(subsets * words, reused?.held.length ?? 0);
    reused = {
      held: new Int32Array(bits),
      kept: new Int32Array(bits),
      keptSize: new Float64Array(size),
      flops: new Float64Array(size),
      peak: new Float64Array(size),
      split: new Int32Array(size),
    };
  }
  return reused;
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
