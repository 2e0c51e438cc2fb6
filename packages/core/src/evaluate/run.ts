/**
 * `runEquation`: evaluates an einsum equation on random data and times it, as the CLI's `einsum`
 * command reports it for benchmarks. The path is planned once; the operands are filled with seeded
 * uniform numbers in [−1, 1), in the kernels' memory where it is shared (as an application's
 * tensors would be, were it to keep them there), and the contraction along the path, compiled once
 * for the operands' shapes (`compileContraction`), is repeated, each time writing into the same
 * result array (in the kernels' memory too; NumPy's `out=`, as a loop evaluating a network many
 * times would use it) unless `newResult` asks for a new one each time. The reported time is the
 * median over the repeats of the evaluation alone (no parsing, data generation or planning).
 * Untimed warm-up runs may come first (`warmup`), so that the timed ones see the steady state: the
 * engine's compiled hot code, and both cores once the helper is up.
 */

import { DiagradError } from "../language/span.js";
import { type PathStep, pathCost } from "../plan/cost.js";
import { type PlanOptions, planContraction } from "../plan/plan.js";
import { numberEquation } from "../plan/planEquation.js";
import { mulberry32 } from "../plan/random.js";
import { compileContraction } from "./contract.js";
import { allocate, release } from "./heap.js";
import { attachedHelper, productThreads } from "./helper.js";
import { MAX_ENTRIES, size, type Tensor } from "./tensor.js";

/** Options of `runEquation`. */
export interface RunOptions {
  /** How many timed evaluations (default 1). */
  repeat?: number;
  /**
   * Milliseconds of untimed evaluations before the timed ones (default 0); when positive, at least
   * one, and on for up to `HELPER_WAIT_MS` more while the helper thread, started by a large
   * product, is coming up.
   */
  warmup?: number;
  /** The seed of the random operands (default 0). */
  seed?: number;
  /** Options of the planner. */
  plan?: PlanOptions;
  /** A path to follow instead of planning one (in `numpy.einsum_path`'s form). */
  path?: readonly PathStep[];
  /**
   * Each evaluation returns a new array (default false: all write into one): the time then
   * includes the new array's fresh memory.
   */
  newResult?: boolean;
}

/**
 * The median evaluation time in milliseconds, how many untimed warm-up runs came first, on how
 * many threads large products ran at the end, the result of the last evaluation and the path.
 */
export interface EquationRun {
  ms: number;
  warmups: number;
  threads: 1 | 2;
  result: Tensor;
  path: PathStep[];
}

/** How long a warm-up waits at most, beyond its own length, for the helper thread to come up. */
const HELPER_WAIT_MS = 2000;

/** Operands, intermediates (the largest: `peak`) and result must each fit in one array. */
function checkSizes(shapes: readonly number[][], result: number, peak: number): void {
  const tooLarge = (what: string, n: number) =>
    new DiagradError(
      "value",
      `einsum: ${what} has ${n} entries; one dense tensor may have at most ${MAX_ENTRIES}`,
    );
  for (const [k, shape] of shapes.entries()) {
    if (size(shape) > MAX_ENTRIES)
      throw tooLarge(`operand ${k + 1} [${shape.join(" × ")}]`, size(shape));
  }
  if (result > MAX_ENTRIES) throw tooLarge("the result", result);
  if (peak > MAX_ENTRIES) throw tooLarge("an intermediate", peak);
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
  const warmup = options.warmup ?? 0;
  if (!(warmup >= 0 && warmup <= 60_000)) {
    throw new DiagradError("value", `einsum: warmup is ${warmup} ms, not between 0 and 60000`);
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
  checkSizes(shapes, size(contraction.shape), pathCost(inputs, output, sizeMap, path).peak);
  const arrays: Float64Array[] = [];
  const times: number[] = [];
  let out: Float64Array | undefined;
  let result: Tensor | undefined;
  let warmups = 0;
  try {
    for (const shape of shapes) {
      const data = allocate(size(shape)) ?? new Float64Array(size(shape));
      for (let k = 0; k < data.length; k++) data[k] = 2 * random() - 1;
      arrays.push(data);
    }
    const n = size(contraction.shape);
    out = options.newResult === true ? undefined : (allocate(n) ?? new Float64Array(n));
    // the helper thread, when attached, starts on the first large product
    const helper = attachedHelper();
    const begun = performance.now();
    const warming = (now: number) =>
      now - begun < warmup ||
      (helper?.starting() === true && now - begun < warmup + HELPER_WAIT_MS);
    for (; warmup > 0 && (warmups === 0 || warming(performance.now())); warmups++) {
      result = contraction.run(arrays, out);
    }
    for (let r = 0; r < repeat; r++) {
      const start = performance.now();
      result = contraction.run(arrays, out);
      times.push(performance.now() - start);
    }
    // the last result, in an array of its own (`out` is freed below)
    if (out !== undefined) result = { shape: [...contraction.shape], data: out.slice() };
  } catch (error) {
    // an array the machine could not give (typed arrays throw RangeError when memory runs out)
    if (!(error instanceof RangeError)) throw error;
    throw new DiagradError("value", `einsum: not enough memory for these sizes (${error.message})`);
  } finally {
    for (const data of arrays) release(data);
    if (out !== undefined) release(out);
  }
  times.sort((a, b) => a - b);
  const mid = times.length >> 1;
  const ms = times.length % 2 === 1 ? times[mid] : (times[mid - 1] + times[mid]) / 2;
  return { ms, warmups, threads: productThreads(), result: result as Tensor, path };
}
