/**
 * The greedy planner for networks too large for the exact search. At each step it contracts the
 * pair that shrinks memory most — the smallest `size(result) − size(a) − size(b)` — with ties
 * broken by the step's flops and then by position, so the path is deterministic. Only pairs that
 * share a label are candidates (found through the label → operands index, so a sparse network
 * costs little per step); when no pair shares a label, the components left are joined by outer
 * products the same way.
 */
import type { PathStep } from "./cost.js";
import { labelSize } from "./labels.js";

interface Candidate {
  i: number;
  j: number;
  labels: number[];
  score: number;
  flops: number;
}

/**
 * A greedy path for operands that already carry their effective labels (see `effectiveLabels`).
 *
 * @example greedyPath([[0, 1], [1, 2], [2, 3]], [0, 3], new Map([[0, 1000], [1, 2], [2, 1000], [3, 2]]))
 * // [[1, 2], [0, 1]]
 */
export function greedyPath(
  inputs: readonly (readonly number[])[],
  output: readonly number[],
  sizes: ReadonlyMap<number, number>,
): PathStep[] {
  const operands = inputs.map((labels) => [...labels]);
  const outputSet = new Set(output);
  const count = new Map<number, number>();
  for (const labels of operands) for (const l of labels) count.set(l, (count.get(l) ?? 0) + 1);
  const path: PathStep[] = [];
  while (operands.length > 1) {
    const holders = new Map<number, number[]>();
    operands.forEach((labels, k) => {
      for (const l of labels) {
        const list = holders.get(l);
        if (list === undefined) holders.set(l, [k]);
        else list.push(k);
      }
    });
    const seen = new Set<number>();
    let best: Candidate | undefined;
    const consider = (i: number, j: number): void => {
      const key = i * operands.length + j;
      if (seen.has(key)) return;
      seen.add(key);
      const c = candidate(operands, i, j, count, outputSet, sizes);
      if (best === undefined || better(c, best)) best = c;
    };
    for (const list of holders.values()) {
      for (let x = 0; x < list.length; x++)
        for (let y = x + 1; y < list.length; y++) consider(list[x], list[y]);
    }
    if (best === undefined) {
      for (let i = 0; i < operands.length; i++)
        for (let j = i + 1; j < operands.length; j++) consider(i, j);
    }
    const { i, j, labels } = best as Candidate;
    for (const l of [...operands[i], ...operands[j]]) count.set(l, (count.get(l) ?? 0) - 1);
    for (const l of labels) count.set(l, (count.get(l) ?? 0) + 1);
    operands.splice(j, 1);
    operands.splice(i, 1);
    operands.push(labels);
    path.push([i, j]);
  }
  return path;
}

/** Contracting operands `i < j`: the labels kept, the memory score and the flops. */
function candidate(
  operands: readonly number[][],
  i: number,
  j: number,
  count: ReadonlyMap<number, number>,
  outputSet: ReadonlySet<number>,
  sizes: ReadonlyMap<number, number>,
): Candidate {
  const a = operands[i];
  const b = operands[j];
  const union = [...new Set([...a, ...b])];
  const inBoth = (l: number): number => (a.includes(l) ? 1 : 0) + (b.includes(l) ? 1 : 0);
  const labels = union.filter((l) => outputSet.has(l) || (count.get(l) ?? 0) > inBoth(l));
  const score = labelSize(labels, sizes) - labelSize(a, sizes) - labelSize(b, sizes);
  return { i, j, labels, score, flops: labelSize(union, sizes) };
}

function better(c: Candidate, best: Candidate): boolean {
  if (c.score !== best.score) return c.score < best.score;
  if (c.flops !== best.flops) return c.flops < best.flops;
  return c.i !== best.i ? c.i < best.i : c.j < best.j;
}
