/**
 * `contract`: NumPy's einsum, generalised to tensor networks. The result on the output labels is
 * the sum, over every other label in `sizes`, of the product of the operands. Each operand first
 * loses its repeated labels (a diagonal) and the labels no one else needs (a sum); the planner
 * then orders the pairwise steps, each a batched matrix product reading its operands through
 * strides, or an elementwise product when it sums nothing (`pairwise.ts`). Large operands and the
 * intermediates live in the kernels' memory where they can, so the WebAssembly kernels work on
 * them in place, and each intermediate is freed once consumed (`pool.ts`). Finally the last
 * operand (an intermediate too, unless its step already gives the output's layout) is laid out,
 * as a plain array, on the output labels (broadcast along labels no operand has, written onto the
 * diagonal for repeated output labels) and multiplied by the size of every label that neither an
 * operand nor the output has (a closed loop: the trace of an identity).
 * All of this is planned from labels and shapes alone (`compileContraction`), so that a network
 * evaluated many times makes its decisions once.
 */
import type { PathStep } from "../plan/cost.js";
import { keptLabels, labelSize } from "../plan/labels.js";
import { planContraction } from "../plan/plan.js";
import { address, allocate } from "./heap.js";
import { type Operand, planDiagonal, planExpand, planSum, type Shaped } from "./operand.js";
import { planPair } from "./pairwise.js";
import { giveArray, resultArray, takeArray } from "./pool.js";
import type { Tensor } from "./tensor.js";
import { size } from "./tensor.js";

export type { Operand } from "./operand.js";

function check(op: Shaped, k: number, sizes: ReadonlyMap<number, number>): void {
  const expected = op.labels.map((l) => sizes.get(l));
  if (op.shape.length !== op.labels.length || expected.some((d, a) => d !== op.shape[a])) {
    throw new Error(
      `contract: operand ${k} has shape [${op.shape}] but its labels [${op.labels}] have sizes [${expected}]`,
    );
  }
}

/**
 * Operands of at least this many entries are copied into the kernels' memory first: the copy
 * costs less than packing or streaming them from plain memory in JavaScript.
 */
const COPY_IN_MIN = 4096;

/**
 * A contraction planned for its operands' labels and shapes: `run` computes it from one
 * row-major array per operand, each decision that depends only on labels, shapes and path
 * (one-operand steps, each step's orientation and layout, the final layout) made once. The
 * result is a new array, or `out` (overwritten; as NumPy's `out=`): in a loop, one array written
 * again and again saves the fresh memory a new one costs each time (the engine frees arrays only
 * when it collects garbage, so a new large result is memory the system maps in page by page).
 */
export interface Contraction {
  /** The result's shape. */
  readonly shape: readonly number[];
  run(data: readonly Float64Array[], out?: Float64Array): Tensor;
}

/** Whether two arrays share any memory. */
function overlap(a: Float64Array, b: Float64Array): boolean {
  return (
    a.buffer === b.buffer &&
    a.byteOffset < b.byteOffset + b.byteLength &&
    b.byteOffset < a.byteOffset + a.byteLength
  );
}

/**
 * Plans `contract` for operands of the given labels and shapes (a `Contraction` to run on many
 * sets of data: a network evaluated at many points).
 *
 * @example
 * const c = compileContraction([{ labels: [0, 1], shape: [2, 3] }, { labels: [1, 2], shape: [3, 2] }], [0, 2], sizes);
 * c.run([A.data, B.data]) // A·B, as often as needed
 */
export function compileContraction(
  operands: readonly Shaped[],
  output: readonly number[],
  sizes: ReadonlyMap<number, number>,
  options: { path?: readonly PathStep[] } = {},
): Contraction {
  for (const [k, op] of operands.entries()) check(op, k, sizes);
  for (const l of output) {
    if (!sizes.has(l)) throw new Error(`contract: output label ${l} has no size`);
  }
  const outputSet = new Set(output);
  const diagonals = operands.map(planDiagonal);
  let ops: Shaped[] = operands.map((op, k) => diagonals[k] ?? op);
  const holders = new Map<number, number>();
  for (const op of ops) for (const l of op.labels) holders.set(l, (holders.get(l) ?? 0) + 1);
  const sums = ops.map((op) => planSum(op, (l) => outputSet.has(l) || (holders.get(l) ?? 0) > 1));
  ops = ops.map((op, k) => sums[k] ?? op);
  const path =
    options.path ??
    planContraction(
      ops.map((op) => op.labels),
      output,
      sizes,
    ).path;
  const sizeOf = ops.map((op) => size(op.shape));
  const steps = path.map(([i, j], step) => {
    if (!(i >= 0 && j >= 0 && i < ops.length && j < ops.length && i !== j)) {
      throw new Error(`contract: path step [${i}, ${j}] is not a pair of ${ops.length} operands`);
    }
    const rest = ops.filter((_, k) => k !== i && k !== j);
    const kept = keptLabels(
      ops[i].labels,
      ops[j].labels,
      rest.map((op) => op.labels),
      output,
    );
    // the last step's result goes to the caller, best in the output's order (then it needs no
    // rearranging)
    const last = step === path.length - 1;
    const pair = planPair(
      ops[i],
      ops[j],
      last ? [...outputSet].filter((l) => kept.includes(l)) : kept,
    );
    ops = [...rest, pair];
    return { i, j, pair, last };
  });
  if (ops.length > 1) {
    throw new Error(`contract: the path leaves ${ops.length} operands, not one`);
  }
  const last: Shaped = ops[0] ?? { labels: [], shape: [] };
  // the last step's result is returned as it is when already on the output labels
  const onOutput =
    steps.length > 0 &&
    last.labels.length === output.length &&
    last.labels.every((l, k) => l === output[k]);
  const final = onOutput ? null : planExpand(last, output, sizes);
  const loops = [...sizes.keys()].filter((l) => !outputSet.has(l) && !holders.has(l));
  const factor = labelSize(loops, sizes);
  const shape = Object.freeze(output.map((l) => sizes.get(l) as number));

  const run = (data: readonly Float64Array[], out?: Float64Array): Tensor => {
    if (data.length !== operands.length) {
      throw new Error(`contract: ${data.length} arrays for ${operands.length} operands`);
    }
    for (const [k, d] of data.entries()) {
      if (d.length !== size(operands[k].shape)) {
        throw new Error(
          `contract: operand ${k} has ${d.length} entries for shape [${operands[k].shape}]`,
        );
      }
      if (out !== undefined && overlap(d, out)) {
        throw new Error(`contract: the output array overlaps operand ${k}`);
      }
    }
    if (out !== undefined && out.length !== size(shape)) {
      throw new Error(`contract: the output has ${out.length} entries for shape [${shape}]`);
    }
    // the result's array: `out`, or a new one (every caller asks for the result's size)
    const give = out === undefined ? resultArray : () => out;
    const intermediates = new Set<Float64Array>();
    let values: Float64Array;
    try {
      let arrays = data.map((d, k) => {
        const diagonal = diagonals[k]?.run(d) ?? d;
        const prepared = sums[k]?.run(diagonal) ?? diagonal;
        // large operands in plain memory are copied into the kernels' memory (as our own)
        const n = sizeOf[k];
        const copy = steps.length > 0 && n >= COPY_IN_MIN && address(prepared) < 0 && allocate(n);
        if (!copy) return prepared;
        copy.set(prepared);
        intermediates.add(copy);
        return copy;
      });
      for (const { i, j, pair, last } of steps) {
        const [u, v] = [arrays[i], arrays[j]];
        // the last step's result is a plain array, which the caller can let go of, when it is
        // already laid out on the output labels; else an intermediate, laid out into one below
        const toCaller = last && final === null;
        const next = pair.run(u, v, toCaller ? give : takeArray);
        // the two operands were consumed: free those that were our own intermediates
        for (const used of [u, v]) if (intermediates.delete(used)) giveArray(used);
        if (!toCaller) intermediates.add(next);
        arrays = arrays.filter((_, k) => k !== i && k !== j);
        arrays.push(next);
      }
      const result = arrays[0] ?? Float64Array.of(1);
      values = final === null ? result : final.run(result, give(size(shape)));
    } finally {
      for (const d of intermediates) giveArray(d);
    }
    if (factor !== 1) for (let k = 0; k < values.length; k++) values[k] *= factor;
    return { shape: [...shape], data: values };
  };
  return { shape, run };
}

/**
 * Σ over all labels not in `output` of the product of the operands, on the `output` labels.
 * Every label of an operand or the output must have a size in `sizes`, and operand shapes must
 * match those sizes (otherwise an `Error`: a caller bug, not a user error). `options.path` follows
 * a path planned beforehand (for these operands and output) instead of planning one.
 *
 * @example
 * const sizes = new Map([[0, 2], [1, 3], [2, 2]]);
 * contract([{ tensor: A, labels: [0, 1] }, { tensor: B, labels: [1, 2] }], [0, 2], sizes) // A·B
 * contract([{ tensor: A, labels: [0, 0] }], [], sizes) // trace of a square A
 * contract([{ tensor: v, labels: [0] }], [0, 0], sizes) // Diag(v)
 */
export function contract(
  operands: readonly Operand[],
  output: readonly number[],
  sizes: ReadonlyMap<number, number>,
  options: { path?: readonly PathStep[] } = {},
): Tensor {
  const shaped = operands.map((op) => ({ labels: op.labels, shape: op.tensor.shape }));
  return compileContraction(shaped, output, sizes, options).run(
    operands.map((op) => op.tensor.data),
  );
}
