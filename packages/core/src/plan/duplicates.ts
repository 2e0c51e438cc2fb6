/**
 * Preprocessing: duplicate Hadamard operands. Operands that carry the same set of labels (after
 * one-sided labels are summed out, see `effectiveLabels`) are multiplied elementwise before any
 * other step — their product is no larger than either and costs one pass over it, which is what
 * opt_einsum's greedy does too. Merging them first shrinks the network every search sees (a
 * Hadamard-heavy derivative often holds many such copies of one shape); a label that only the
 * duplicates hold is summed in that step.
 */
import type { PathStep } from "./cost.js";
import { keptLabels } from "./labels.js";

/**
 * The path steps that merge operands with equal label sets, first pair first, and the operand list
 * they leave (results appended, as in a path).
 *
 * @example mergeDuplicates([[0, 1], [2], [1, 0]], [0]) // { steps: [[0, 2]], operands: [[2], [0, 1]] }
 */
export function mergeDuplicates(
  operands: readonly (readonly number[])[],
  output: readonly number[],
): { steps: PathStep[]; operands: number[][] } {
  let current = operands.map((labels) => [...labels]);
  const steps: PathStep[] = [];
  for (;;) {
    const sorted = current.map((labels) => [...labels].sort((x, y) => x - y));
    let pair: PathStep | undefined;
    for (let k = 1; k < current.length && pair === undefined; k++) {
      const first = sorted.findIndex((other, f) => f < k && same(other, sorted[k]));
      if (first >= 0) pair = [first, k];
    }
    if (pair === undefined) return { steps, operands: current };
    const [i, j] = pair;
    const rest = current.filter((_, k) => k !== i && k !== j);
    current = [...rest, keptLabels(current[i], current[j], rest, output)];
    steps.push(pair);
  }
}

function same(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((l, k) => l === b[k]);
}
