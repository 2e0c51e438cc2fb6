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
 * they leave (results appended, as in a path). Each operand lists distinct labels (as
 * `effectiveLabels` gives them).
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
    const pair = firstDuplicate(current);
    if (pair === undefined) return { steps, operands: current };
    const [i, j] = pair;
    const rest = current.filter((_, k) => k !== i && k !== j);
    current = [...rest, keptLabels(current[i], current[j], rest, output)];
    steps.push(pair);
  }
}

/** The first pair [f, k] (smallest k, then smallest f) of operands with the same labels. */
function firstDuplicate(operands: readonly (readonly number[])[]): PathStep | undefined {
  for (let k = 1; k < operands.length; k++) {
    for (let f = 0; f < k; f++) if (sameSet(operands[f], operands[k])) return [f, k];
  }
  return undefined;
}

/** Whether two lists of distinct labels hold the same labels. */
function sameSet(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (const l of a) if (!b.includes(l)) return false;
  return true;
}
