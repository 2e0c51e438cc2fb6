/**
 * The cost model of a contraction path, exactly opt_einsum's (and `numpy.einsum_path`'s)
 * `flop_count(indices, inner, num_terms=2, sizes)`: a pairwise step costs the product of the sizes
 * of all distinct labels of its two operands, times 2 when the step sums over some label (an inner
 * product: one multiply and one add per point) and times 1 when it keeps every label (a Hadamard or
 * outer product: one multiply per point). A plan's `flops` is the sum over its steps; its `peak` is
 * the size of the largest tensor a step creates. The one-operand steps before pairing (diagonals,
 * sums over a label only one operand holds) are linear in the input and not counted — NumPy counts
 * such a label inside the first pairwise step that touches it, so on the same path its count can
 * only be larger.
 */
import { effectiveLabels, labelSize } from "./labels.js";

/** One step of a path: positions in the current operand list; the result is appended. */
export type PathStep = [number, number];

/**
 * The flops of one pairwise step with `union` the distinct labels of both operands and `kept`
 * how many of them the result keeps: `size(union) · (kept < |union| ? 2 : 1)`.
 *
 * @example stepFlops([0, 1, 2], 2, new Map([[0, 2], [1, 3], [2, 5]])) // 60: the result drops one label, so it is summed
 */
export function stepFlops(
  union: Iterable<number>,
  kept: number,
  sizes: ReadonlyMap<number, number>,
): number {
  const labels = [...union];
  return labelSize(labels, sizes) * (kept < labels.length ? 2 : 1);
}

/**
 * The flops and peak intermediate size of following `path`; throws on an out-of-range step.
 *
 * @example
 * const sizes = new Map([[0, 10], [1, 2], [2, 10], [3, 2]]);
 * pathCost([[0, 1], [1, 2], [2, 3]], [0, 3], sizes, [[1, 2], [0, 1]])
 * // { flops: 160, peak: 20 }: B·C costs 2·(2·10·2) (a 2×2), A·(BC) costs 2·(10·2·2) (the 10×2 result)
 */
export function pathCost(
  inputs: readonly (readonly number[])[],
  output: readonly number[],
  sizes: ReadonlyMap<number, number>,
  path: readonly PathStep[],
): { flops: number; peak: number } {
  const operands = effectiveLabels(inputs, output);
  // how many operands hold each label (the output counts as many): a label survives a step iff
  // the output or a third operand holds it
  const holders = new Map<number, number>();
  for (const labels of operands) for (const l of labels) holders.set(l, (holders.get(l) ?? 0) + 1);
  for (const l of output) holders.set(l, Number.POSITIVE_INFINITY);
  let flops = 0;
  let peak = 0;
  for (const [i, j] of path) {
    if (!isStep(i, j, operands.length)) {
      throw new Error(`plan: step [${i}, ${j}] is not a pair of ${operands.length} operands`);
    }
    const a = operands[i];
    const b = operands[j];
    // as `keptLabels`: the shared labels, then a's own, then b's own
    const kept: number[] = [];
    for (const l of a) if (b.includes(l) && (holders.get(l) as number) > 2) kept.push(l);
    for (const l of a) if (!b.includes(l) && (holders.get(l) as number) > 1) kept.push(l);
    for (const l of b) if (!a.includes(l) && (holders.get(l) as number) > 1) kept.push(l);
    const union = [...a];
    for (const l of b) if (!a.includes(l)) union.push(l);
    flops += stepFlops(union, kept.length, sizes);
    peak = Math.max(peak, labelSize(kept, sizes));
    for (const l of a) holders.set(l, (holders.get(l) as number) - 1);
    for (const l of b) holders.set(l, (holders.get(l) as number) - 1);
    for (const l of kept) holders.set(l, (holders.get(l) as number) + 1);
    operands.splice(Math.max(i, j), 1);
    operands.splice(Math.min(i, j), 1);
    operands.push(kept);
  }
  return { flops, peak };
}

function isStep(i: number, j: number, n: number): boolean {
  return (
    Number.isInteger(i) && Number.isInteger(j) && i >= 0 && j >= 0 && i < n && j < n && i !== j
  );
}
