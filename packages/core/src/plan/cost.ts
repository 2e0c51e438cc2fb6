/**
 * The cost model of a contraction path. A pairwise step costs the product of the sizes of all
 * distinct labels of its two operands — one multiply–add per point of their joint index space,
 * which is the number of inner-loop iterations of the evaluator's batched matrix product (this is
 * opt_einsum's size model without its factor of 2). A plan's `flops` is the sum over its steps; its
 * `peak` is the size of the largest tensor a step creates. The one-operand steps before pairing
 * (diagonals, sums over a label only one operand holds) are linear in the input and not counted.
 */
import { effectiveLabels, keptLabels, labelSize } from "./labels.js";

/** One step of a path: positions in the current operand list; the result is appended. */
export type PathStep = [number, number];

/**
 * The flops and peak intermediate size of following `path`; throws on an out-of-range step.
 *
 * @example
 * const sizes = new Map([[0, 10], [1, 2], [2, 10], [3, 2]]);
 * pathCost([[0, 1], [1, 2], [2, 3]], [0, 3], sizes, [[1, 2], [0, 1]])
 * // { flops: 80, peak: 20 }: B·C costs 2·10·2 (a 2×2), A·(BC) costs 10·2·2 (the 10×2 result)
 */
export function pathCost(
  inputs: readonly (readonly number[])[],
  output: readonly number[],
  sizes: ReadonlyMap<number, number>,
  path: readonly PathStep[],
): { flops: number; peak: number } {
  let operands = effectiveLabels(inputs, output);
  let flops = 0;
  let peak = 0;
  for (const [i, j] of path) {
    if (!isStep(i, j, operands.length)) {
      throw new Error(`plan: step [${i}, ${j}] is not a pair of ${operands.length} operands`);
    }
    const rest = operands.filter((_, k) => k !== i && k !== j);
    const kept = keptLabels(operands[i], operands[j], rest, output);
    flops += labelSize(new Set([...operands[i], ...operands[j]]), sizes);
    peak = Math.max(peak, labelSize(kept, sizes));
    operands = [...rest, kept];
  }
  return { flops, peak };
}

function isStep(i: number, j: number, n: number): boolean {
  return (
    Number.isInteger(i) && Number.isInteger(j) && i >= 0 && j >= 0 && i < n && j < n && i !== j
  );
}
