/**
 * `runEquation`: evaluates an einsum equation on random data and times it, as the CLI's `einsum`
 * command reports it for benchmarks. The path is planned once; the operands are filled with seeded
 * uniform numbers in [−1, 1), in the kernels' memory where it is shared (as an application's
 * tensors would be, were it to keep them there), and the contraction along the path, compiled once
 * for the operands' shapes (`compileContraction`), is repeated;
 * the reported time is the median over the repeats of the evaluation alone (no parsing, data
 * generation or planning).
 */

import { DiagradError } from "../language/span.js";
import type { PathStep } from "../plan/cost.js";
import { type PlanOptions, planContraction } from "../plan/plan.js";
import { numberEquation } from "../plan/planEquation.js";
import { mulberry32 } from "../plan/random.js";
import { compileContraction } from "./contract.js";
import { allocate, release } from "./heap.js";
import { size, type Tensor } from "./tensor.js";

/** Options of `runEquation`. */
export interface RunOptions {
  /** How many timed evaluations (default 1). */
  repeat?: number;
  /** The seed of the random operands (default 0). */
  seed?: number;
  /** Options of the planner. */
  plan?: PlanOptions;
  /** A path to follow instead of planning one (in `numpy.einsum_path`'s form). */
  path?: readonly PathStep[];
}

/** The median evaluation time in milliseconds, the result of the last evaluation and the path. */
export interface EquationRun {
  ms: number;
  result: Tensor;
  path: PathStep[];
}

/**
 * Evaluates `equation` on random operands of the given label sizes, `repeat` times.
 *
 * @example runEquation("ij,jk->ik", { i: 64, j: 64, k: 64 }, { repeat: 5, seed: 1 }).ms // ≈ 0.1
 */
export function runEquation(
  equation: string,
  sizes: Readonly<Record<string, number>>,
  options: RunOptions = {},
): EquationRun {
  const repeat = options.repeat ?? 1;
  if (!Number.isInteger(repeat) || repeat < 1) {
    throw new DiagradError("value", `einsum: repeat is ${repeat}, not a positive integer`);
  }
  const { inputs, output, sizes: sizeMap } = numberEquation(equation, sizes);
  const random = mulberry32(options.seed ?? 0);
  const path = options.path
    ? [...options.path]
    : planContraction(inputs, output, sizeMap, options.plan).path;
  // the operands live in the kernels' memory where they can, as an application's would
  const shapes = inputs.map((labels) => labels.map((l) => sizeMap.get(l) as number));
  const contraction = compileContraction(
    inputs.map((labels, k) => ({ labels, shape: shapes[k] })),
    output,
    sizeMap,
    { path },
  );
  const arrays = shapes.map((shape) => {
    const data = allocate(size(shape)) ?? new Float64Array(size(shape));
    for (let k = 0; k < data.length; k++) data[k] = 2 * random() - 1;
    return data;
  });
  const times: number[] = [];
  let result: Tensor | undefined;
  try {
    for (let r = 0; r < repeat; r++) {
      const start = performance.now();
      result = contraction.run(arrays);
      times.push(performance.now() - start);
    }
  } finally {
    for (const data of arrays) release(data);
  }
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  const ms = times.length % 2 === 1 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
  return { ms, result: result as Tensor, path };
}
