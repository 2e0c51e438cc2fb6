/**
 * `contract`: NumPy's einsum, generalised to tensor networks. The result on the output labels is
 * the sum, over every other label in `sizes`, of the product of the operands. Each operand first
 * loses its repeated labels (a diagonal) and the labels no one else needs (a sum); the planner
 * then orders the pairwise steps, each a batched matrix product reading its operands through
 * strides, or an elementwise product when it sums nothing (`pairwise.ts`). Large operands and the
 * intermediates live in the kernels' memory where they can, so the WebAssembly kernels work on
 * them in place, and each intermediate is freed once consumed (`pool.ts`). Finally the last
 * operand is laid out, as a plain array, on the output labels (broadcast along labels no operand
 * has, written onto the diagonal for repeated output labels) and multiplied by the size of every
 * label that neither an operand nor the output has (a closed loop: the trace of an identity).
 */
import type { PathStep } from "../plan/cost.js";
import { keptLabels, labelSize } from "../plan/labels.js";
import { planContraction } from "../plan/plan.js";
import { address, allocate } from "./heap.js";
import { diagonal, expand, type Operand, sumLabels } from "./operand.js";
import { contractPair } from "./pairwise.js";
import { giveArray, takeArray } from "./pool.js";
import type { Tensor } from "./tensor.js";
import { size } from "./tensor.js";

export type { Operand } from "./operand.js";

function check(op: Operand, k: number, sizes: ReadonlyMap<number, number>): void {
  const { shape, data } = op.tensor;
  const expected = op.labels.map((l) => sizes.get(l));
  if (shape.length !== op.labels.length || expected.some((d, a) => d !== shape[a])) {
    throw new Error(
      `contract: operand ${k} has shape [${shape}] but its labels [${op.labels}] have sizes [${expected}]`,
    );
  }
  if (data.length !== size(shape)) {
    throw new Error(`contract: operand ${k} has ${data.length} entries for shape [${shape}]`);
  }
}

const plainArray = (n: number) => new Float64Array(n);
/**
 * Operands of at least this many entries are copied into the kernels' memory first: the copy
 * costs less than packing or streaming them from plain memory in JavaScript.
 */
const COPY_IN_MIN = 4096;

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
  for (const [k, op] of operands.entries()) check(op, k, sizes);
  for (const l of output) {
    if (!sizes.has(l)) throw new Error(`contract: output label ${l} has no size`);
  }
  const outputSet = new Set(output);
  let ops = operands.map(diagonal);
  const holders = new Map<number, number>();
  for (const op of ops) for (const l of op.labels) holders.set(l, (holders.get(l) ?? 0) + 1);
  ops = ops.map((op) => sumLabels(op, (l) => outputSet.has(l) || (holders.get(l) ?? 0) > 1));
  const path =
    options.path ??
    planContraction(
      ops.map((op) => op.labels),
      output,
      sizes,
    ).path;
  const intermediates = new Set<Float64Array>();
  // the last step's result, a plain array: the caller's when it is returned as it is
  let final: Float64Array | undefined;
  let result: Tensor;
  try {
    // large operands in plain memory are copied into the kernels' memory (and count as our own)
    ops = ops.map((op) => {
      const n = op.tensor.data.length;
      const data =
        path.length > 0 && n >= COPY_IN_MIN && address(op.tensor.data) < 0 && allocate(n);
      if (!data) return op;
      data.set(op.tensor.data);
      intermediates.add(data);
      return { tensor: { shape: op.tensor.shape, data }, labels: op.labels };
    });
    for (const [step, [i, j]] of path.entries()) {
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
      // the last step's result goes to the caller: a plain array, which it can let go of, best
      // in the output's order (then it needs no rearranging)
      const last = step === path.length - 1;
      const order = last ? [...outputSet].filter((l) => kept.includes(l)) : kept;
      const next = contractPair(ops[i], ops[j], order, last ? plainArray : takeArray);
      // the two operands were consumed: free those that were our own intermediates
      for (const op of [ops[i], ops[j]])
        if (intermediates.delete(op.tensor.data)) giveArray(op.tensor.data);
      if (last) final = next.tensor.data;
      else intermediates.add(next.tensor.data);
      ops = [...rest, next];
    }
    const last: Operand = ops[0] ?? { tensor: { shape: [], data: Float64Array.of(1) }, labels: [] };
    // the last step's result is returned as it is when already on the output labels
    const onOutput =
      last.labels.length === output.length && last.labels.every((l, k) => l === output[k]);
    if (final !== undefined && final === last.tensor.data && onOutput) {
      result = { shape: [...last.tensor.shape], data: final };
    } else result = expand(last, output, sizes);
  } finally {
    for (const data of intermediates) giveArray(data);
  }
  const loops = [...sizes.keys()].filter((l) => !outputSet.has(l) && !holders.has(l));
  const factor = labelSize(loops, sizes);
  if (factor !== 1) for (let k = 0; k < result.data.length; k++) result.data[k] *= factor;
  return result;
}
