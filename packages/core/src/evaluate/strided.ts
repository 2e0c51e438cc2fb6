/**
 * Strided copies: the two data movements every einsum step is made of. `gather` reads a strided
 * view of an array into a fresh row-major array — a transpose when the strides are a permutation
 * of the row-major ones, a diagonal when two axes' strides are added into one, a broadcast when a
 * stride is 0. `scatter` is its mirror: it writes a row-major array onto a strided view of a zero
 * array, which is how a result is placed on the diagonal of a larger one. Both walk the view with
 * an odometer whose innermost axis is a plain loop.
 */
import { size } from "./tensor.js";

/** Calls `visit(offset, count, step)` for every innermost run of the strided view, in row-major order. */
function walk(
  shape: readonly number[],
  viewStrides: readonly number[],
  visit: (offset: number, count: number, step: number) => void,
): void {
  const rank = shape.length;
  if (size(shape) === 0) return;
  if (rank === 0) {
    visit(0, 1, 0);
    return;
  }
  const inner = shape[rank - 1];
  const step = viewStrides[rank - 1];
  const index = new Array<number>(rank - 1).fill(0);
  let offset = 0;
  for (;;) {
    visit(offset, inner, step);
    let axis = rank - 2;
    for (; axis >= 0; axis--) {
      offset += viewStrides[axis];
      if (++index[axis] < shape[axis]) break;
      offset -= viewStrides[axis] * shape[axis];
      index[axis] = 0;
    }
    if (axis < 0) return;
  }
}

/**
 * A row-major copy of the view of `data` with the given shape and strides.
 *
 * @example gather(Float64Array.of(1, 2, 3, 4), [2, 2], [1, 2]) // transpose: [1, 3, 2, 4]
 * @example gather(Float64Array.of(1, 2, 3, 4), [2], [3]) // diagonal: [1, 4]
 */
export function gather(
  data: Float64Array,
  shape: readonly number[],
  viewStrides: readonly number[],
): Float64Array {
  const out = new Float64Array(size(shape));
  let k = 0;
  walk(shape, viewStrides, (offset, count, step) => {
    for (let i = 0, p = offset; i < count; i++, p += step) out[k++] = data[p];
  });
  return out;
}

/**
 * A zero array of `length` entries with the row-major `values` written onto the view of the given
 * shape and strides.
 *
 * @example scatter(Float64Array.of(1, 2), [2], [3], 4) // onto the diagonal: [1, 0, 0, 2]
 */
export function scatter(
  values: Float64Array,
  shape: readonly number[],
  viewStrides: readonly number[],
  length: number,
): Float64Array {
  const out = new Float64Array(length);
  let k = 0;
  walk(shape, viewStrides, (offset, count, step) => {
    for (let i = 0, p = offset; i < count; i++, p += step) out[p] = values[k++];
  });
  return out;
}
