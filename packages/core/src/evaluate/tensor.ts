/**
 * The dense tensor: a shape and a row-major (C order) `Float64Array` of its entries.
 *
 * A `Tensor` is a plain immutable value: nothing in diagrad writes into the `data` of a tensor it
 * did not just create, so tensors may share storage freely. A scalar has shape `[]` and one entry;
 * a dimension of size 0 gives an empty tensor. `size` and `strides` are the two facts about a shape
 * that every kernel needs: the number of entries and how far apart neighbours along each axis are.
 */

import { DiagradError } from "../language/span.js";

/** The most entries one dense tensor of the evaluator may have: 2²⁶, 512 MiB of float64s. */
export const MAX_ENTRIES = 2 ** 26;

function bytes(n: number): string {
  const units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
  let x = n * 8;
  let u = 0;
  while (x >= 1024 && u < units.length - 1) {
    x /= 1024;
    u++;
  }
  return `${u === 0 ? x : x.toPrecision(3)} ${units[u]}`;
}

/**
 * `n`, once checked against `MAX_ENTRIES` before anything of that size is allocated; `what` names
 * the tensor in the error ("the result [100000, 100000]").
 *
 * @example checkedEntries(1e10, "the result") // throws: 1e10 entries (74.5 GiB) … the limit is 67108864
 */
export function checkedEntries(n: number, what: string): number {
  if (!(n <= MAX_ENTRIES)) {
    const count = Number.isFinite(n)
      ? `${n} entries (${bytes(n)})`
      : "more entries than a number can count";
    throw new DiagradError(
      "limit",
      `${what} would have ${count}; one dense tensor may have at most ${MAX_ENTRIES} entries (${bytes(MAX_ENTRIES)})`,
    );
  }
  return n;
}

/** A dense tensor; `data[Σ index[i] * strides(shape)[i]]` is the entry at `index`. */
export interface Tensor {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

/**
 * The number of entries of a tensor of this shape (1 for a scalar).
 *
 * @example size([2, 3, 4]) // 24
 */
export function size(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * Row-major strides: how many entries apart two neighbours along each axis are.
 *
 * @example strides([2, 3, 4]) // [12, 4, 1]
 */
export function strides(shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    out[i] = s;
    s *= shape[i];
  }
  return out;
}

/**
 * A tensor of the given shape; `data` is copied (zeros when omitted). Throws if a dimension is not
 * a non-negative integer or if `data` has the wrong length.
 *
 * @example tensor([2, 2], [1, 2, 3, 4]) // the matrix [[1, 2], [3, 4]]
 */
export function tensor(shape: readonly number[], data?: Float64Array | number[]): Tensor {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) {
      throw new Error(`tensor: shape [${shape.join(", ")}] has a dimension that is not a size`);
    }
  }
  const n = size(shape);
  if (data !== undefined && data.length !== n) {
    throw new Error(
      `tensor: shape [${shape.join(", ")}] needs ${n} entries but got ${data.length}`,
    );
  }
  return {
    shape: [...shape],
    data: data === undefined ? new Float64Array(n) : Float64Array.from(data),
  };
}

/**
 * The rank-0 tensor holding `x`.
 *
 * @example scalarTensor(2.5).shape // []
 */
export function scalarTensor(x: number): Tensor {
  return { shape: [], data: Float64Array.of(x) };
}
