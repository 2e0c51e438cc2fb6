/**
 * The exact planner: dynamic programming over subsets of operands. The labels of the tensor that
 * contracts a subset S depend only on S (a label survives iff the output or an operand outside S
 * holds it), so the cheapest way to build S is the cheapest split S = S₁ ∪ S₂ plus the cost of the
 * last step, and the table fills in increasing order of the subset bitmask. Every split is tried,
 * outer products included: with small vectors on a large tensor (aᵢ bⱼ Tᵢⱼₖ with i, j ≪ k) the
 * outer product aᵢbⱼ first is strictly cheaper, so a connected-only search would not be exact; at
 * 3ⁿ splits the full search is cheap for the n ≤ 10 it runs on by default. Ties in flops go to
 * the smaller peak, then to the first split found, so the result is deterministic.
 */
import type { PathStep } from "./cost.js";

/** Above this many operands the table (2ⁿ entries, 3ⁿ splits) is too large to fill. */
export const OPTIMAL_LIMIT = 16;

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
): PathStep[] {
  const n = inputs.length;
  if (n > OPTIMAL_LIMIT)
    throw new RangeError(`plan: optimal search over ${n} operands is too large`);
  if (n <= 1) return [];
  const full = (1 << n) - 1;
  // Dense label ids, the set of operands holding each label, its size, and whether the output has it.
  const ids = new Map<number, number>();
  for (const labels of inputs) for (const l of labels) if (!ids.has(l)) ids.set(l, ids.size);
  const holders = new Int32Array(ids.size);
  const labelSizes = new Float64Array(ids.size);
  const inOutput = new Uint8Array(ids.size);
  inputs.forEach((labels, k) => {
    for (const l of labels) holders[ids.get(l) ?? 0] |= 1 << k;
  });
  for (const [l, id] of ids) {
    const d = sizes.get(l);
    if (d === undefined) throw new Error(`plan: label ${l} has no size`);
    labelSizes[id] = d;
    inOutput[id] = output.includes(l) ? 1 : 0;
  }
  // The labels and size of the tensor that contracts each subset.
  const kept: Int32Array[] = new Array(full + 1);
  const keptSize = new Float64Array(full + 1);
  for (let mask = 1; mask <= full; mask++) {
    const labels: number[] = [];
    let s = 1;
    for (let id = 0; id < ids.size; id++) {
      const h = holders[id];
      if ((h & mask) !== 0 && (inOutput[id] === 1 || (h & ~mask & full) !== 0)) {
        labels.push(id);
        s *= labelSizes[id];
      }
    }
    kept[mask] = Int32Array.from(labels);
    keptSize[mask] = s;
  }
  const flops = new Float64Array(full + 1);
  const peak = new Float64Array(full + 1);
  const split = new Int32Array(full + 1);
  const stamp = new Int32Array(ids.size).fill(-1);
  let tick = 0;
  for (let mask = 1; mask <= full; mask++) {
    const low = mask & -mask;
    if (mask === low) continue;
    let best = Number.POSITIVE_INFINITY;
    let bestPeak = Number.POSITIVE_INFINITY;
    let bestSplit = 0;
    for (let sub = (mask - 1) & mask; sub > 0; sub = (sub - 1) & mask) {
      if ((sub & low) === 0) continue;
      const other = mask ^ sub;
      const base = flops[sub] + flops[other];
      if (base > best) continue;
      // The step's cost: the product of the sizes of the union of both operands' labels.
      let step = 1;
      tick++;
      for (const id of kept[sub]) {
        stamp[id] = tick;
        step *= labelSizes[id];
      }
      for (const id of kept[other]) if (stamp[id] !== tick) step *= labelSizes[id];
      const total = base + step;
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
  return treeToPath(n, (mask) => split[mask], full);
}

/** The steps of the contraction tree `split` describes, in einsum_path's shrinking-list form. */
function treeToPath(n: number, split: (mask: number) => number, full: number): PathStep[] {
  const current = Array.from({ length: n }, (_, k) => k);
  const path: PathStep[] = [];
  let next = n;
  const build = (mask: number): number => {
    if ((mask & (mask - 1)) === 0) return 31 - Math.clz32(mask);
    const a = build(split(mask));
    const b = build(mask ^ split(mask));
    const i = current.indexOf(a);
    const j = current.indexOf(b);
    path.push([Math.min(i, j), Math.max(i, j)]);
    current.splice(Math.max(i, j), 1);
    current.splice(Math.min(i, j), 1);
    current.push(next);
    return next++;
  };
  build(full);
  return path;
}
