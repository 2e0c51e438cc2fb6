/**
 * `planContraction`: the order in which to contract a tensor network pairwise. Operands are lists
 * of integer labels (hyperedges and repeated labels allowed), the output is a list of labels, and
 * `sizes` gives every label's dimension. Small networks get the exact optimum under the cost model
 * of `cost.ts`; larger ones a greedy path. The answer is a path in `numpy.einsum_path`'s form plus
 * its cost, so a caller can compare plans or refuse one that is too expensive.
 */
import { type PathStep, pathCost } from "./cost.js";
import { greedyPath } from "./greedy.js";
import { effectiveLabels } from "./labels.js";
import { OPTIMAL_LIMIT, optimalPath } from "./optimal.js";

/** A contraction order and its cost: `flops` multiply–adds, `peak` entries in the largest intermediate. */
export interface Plan {
  path: PathStep[];
  flops: number;
  peak: number;
}

/** Options of `planContraction`. */
export interface PlanOptions {
  /** The largest number of operands searched exactly (default 10, at most 16); greedy above. */
  optimalUpTo?: number;
}

/**
 * Plans a contraction: each path step names two positions in the current operand list; both are
 * removed and their result appended. One operand (or none) gives an empty path.
 *
 * @example
 * // A (1000×2) · B (2×1000) · C (1000×2): contract B·C first.
 * planContraction([[0, 1], [1, 2], [2, 3]], [0, 3], new Map([[0, 1000], [1, 2], [2, 1000], [3, 2]]))
 * // { path: [[1, 2], [0, 1]], flops: 8000, peak: 2000 }
 */
export function planContraction(
  inputs: readonly (readonly number[])[],
  output: readonly number[],
  sizes: ReadonlyMap<number, number>,
  options: PlanOptions = {},
): Plan {
  const limit = options.optimalUpTo ?? 10;
  if (limit > OPTIMAL_LIMIT) {
    throw new RangeError(`planContraction: optimalUpTo is ${limit}, at most ${OPTIMAL_LIMIT}`);
  }
  const operands = effectiveLabels(inputs, output);
  let path: PathStep[] = [];
  if (operands.length > limit) path = greedyPath(operands, output, sizes);
  else if (operands.length > 1) path = optimalPath(operands, output, sizes);
  return { path, ...pathCost(inputs, output, sizes, path) };
}
