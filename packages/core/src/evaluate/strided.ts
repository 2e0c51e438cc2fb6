/**
 * Strided copies: the two data movements every einsum step is made of. `gather` reads a strided
 * view of an array into a fresh row-major array — a transpose when the strides are a permutation
 * of the row-major ones, a diagonal when two axes' strides are added into one, a broadcast when a
 * stride is 0. `scatter` is its mirror: it writes a row-major array onto a strided view of a zero
 * array, which is how a result is placed on the diagonal of a larger one. Both walk the view with
 * an odometer whose innermost axis is a plain loop (a block copy where it is contiguous), after
 * merging the axes that together step through memory as one. `StridedMatrix` is the matrix form of
 * a view, which the matrix product reads in place.
 */
import { size } from "./tensor.js";

/**
 * A matrix read in place through strides: entry (i, j) is `data[offset + i·row + j·col]`. A
 * transpose, a block of a larger array or a matrix inside a batch is such a view, with no copy.
 */
export interface StridedMatrix {
  data: Float64Array;
  offset: number;
  row: number;
  col: number;
}

/**
 * The view with neighbouring axes merged wherever the outer one steps exactly over the inner one
 * (a contiguous block becomes one long run), and axes of size 1 dropped.
 */
function coalesce(
  shape: readonly number[],
  viewStrides: readonly number[],
): { shape: number[]; strides: number[] } {
  const dims: number[] = [];
  const steps: number[] = [];
  for (let axis = 0; axis < shape.length; axis++) {
    if (shape[axis] === 1) continue;
    const last = dims.length - 1;
    if (last >= 0 && steps[last] === viewStrides[axis] * shape[axis]) {
      dims[last] *= shape[axis];
      steps[last] = viewStrides[axis];
    } else {
      dims.push(shape[axis]);
      steps.push(viewStrides[axis]);
    }
  }
  return { shape: dims, strides: steps };
}

/**
 * Calls `visit(offset, count, step, at)` for every innermost run of the strided view, in row-major
 * order; `at` is the run's first position in row-major order.
 */
function walk(
  fullShape: readonly number[],
  fullStrides: readonly number[],
  visit: (offset: number, count: number, step: number, at: number) => void,
): void {
  if (size(fullShape) === 0) return;
  const { shape, strides: viewStrides } = coalesce(fullShape, fullStrides);
  const rank = shape.length;
  if (rank === 0) {
    visit(0, 1, 0, 0);
    return;
  }
  const inner = shape[rank - 1];
  const step = viewStrides[rank - 1];
  const index = new Array<number>(rank - 1).fill(0);
  let offset = 0;
  for (let at = 0; ; at += inner) {
    visit(offset, inner, step, at);
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
  walk(shape, viewStrides, (offset, count, step, at) => {
    if (step === 1 && count >= 16) out.set(data.subarray(offset, offset + count), at);
    else for (let i = 0, p = offset; i < count; i++, p += step) out[at + i] = data[p];
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
  walk(shape, viewStrides, (offset, count, step, at) => {
    for (let i = 0, p = offset; i < count; i++, p += step) out[p] = values[at + i];
  });
  return out;
}
