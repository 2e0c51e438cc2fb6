/**
 * Strided copies: the two data movements every einsum step is made of. `gather` reads a strided
 * view of an array into a fresh row-major array — a transpose when the strides are a permutation
 * of the row-major ones, a diagonal when two axes' strides are added into one, a broadcast when a
 * stride is 0. `scatter` is its mirror: it writes a row-major array onto a strided view of a zero
 * array, which is how a result is placed on the diagonal of a larger one. Both walk the view with
 * an odometer whose innermost axis is a plain loop (a block copy where it is contiguous), after
 * merging the axes that together step through memory as one — or, between arrays in the kernels'
 * memory, whose innermost axes are one call of a WebAssembly block loop (`walkBlocks`).
 * `walk` takes several views of one shape at once, for elementwise products (`elementwise.ts`).
 * `StridedMatrix` is the matrix form of a view, which the matrix product reads in place.
 */
import { address, allocate, release } from "./heap.js";
import { size } from "./tensor.js";
import { runtime } from "./wasmRuntime.js";

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
 * The views with neighbouring axes merged wherever, in every view, the outer one steps exactly
 * over the inner one (a contiguous block becomes one long run), and axes of size 1 dropped.
 */
function coalesce(
  shape: readonly number[],
  views: readonly (readonly number[])[],
): { shape: number[]; views: number[][] } {
  const dims: number[] = [];
  const steps: number[][] = views.map(() => []);
  for (let axis = 0; axis < shape.length; axis++) {
    if (shape[axis] === 1) continue;
    const last = dims.length - 1;
    if (last >= 0 && views.every((v, k) => steps[k][last] === v[axis] * shape[axis])) {
      dims[last] *= shape[axis];
      for (const [k, v] of views.entries()) steps[k][last] = v[axis];
    } else {
      dims.push(shape[axis]);
      for (const [k, v] of views.entries()) steps[k].push(v[axis]);
    }
  }
  return { shape: dims, views: steps };
}

/**
 * How long the innermost runs of the views are once their axes are merged (see `walk`).
 *
 * @example innerRun([4, 2], [[2, 1], [0, 1]]) // 2: the second view repeats its row
 */
export function innerRun(shape: readonly number[], views: readonly (readonly number[])[]): number {
  const merged = coalesce(shape, views).shape;
  return merged.length === 0 ? 1 : merged[merged.length - 1];
}

/**
 * Calls `visit(offsets, count, steps, at)` for every innermost run of the strided views (one
 * shape, a list of strides per view), in row-major order: `offsets[v]` and `steps[v]` are where
 * view v's run starts and how far apart its entries are, `at` is the run's first position in
 * row-major order. `offsets` is reused between calls.
 *
 * @example walk([2, 2], [[1, 2]], visit) // a transpose: visit([0], 2, [2], 0), visit([1], 2, [2], 2)
 */
export function walk(
  fullShape: readonly number[],
  fullViews: readonly (readonly number[])[],
  visit: (offsets: readonly number[], count: number, steps: readonly number[], at: number) => void,
): void {
  if (size(fullShape) === 0) return;
  const { shape, views } = coalesce(fullShape, fullViews);
  const rank = shape.length;
  const offsets = views.map(() => 0);
  if (rank === 0) {
    visit(offsets, 1, offsets.slice(), 0);
    return;
  }
  const inner = shape[rank - 1];
  const steps = views.map((v) => v[rank - 1]);
  const index = new Array<number>(rank - 1).fill(0);
  for (let at = 0; ; at += inner) {
    visit(offsets, inner, steps, at);
    let axis = rank - 2;
    for (; axis >= 0; axis--) {
      for (let v = 0; v < views.length; v++) offsets[v] += views[v][axis];
      if (++index[axis] < shape[axis]) break;
      for (let v = 0; v < views.length; v++) offsets[v] -= views[v][axis] * shape[axis];
      index[axis] = 0;
    }
    if (axis < 0) return;
  }
}

/**
 * Calls `visit(offsets, count, batchSteps, rows, rowSteps, cols, colSteps, at)` for every batch
 * of blocks of the three innermost axes of the views once merged (as `walk` does for runs):
 * `count` blocks of `rows` runs of `cols` entries, view v's first block starting at `offsets[v]`,
 * its blocks `batchSteps[v]` apart and its rows and entries `rowSteps[v]` and `colSteps[v]`, `at`
 * being the first position in row-major order. One batch when the views merge into three axes or
 * fewer (then the missing outer ones are of size 1).
 *
 * @example walkBlocks([2, 3, 4], [[12, 4, 1]], visit) // one block: 24 contiguous entries
 */
export function walkBlocks(
  fullShape: readonly number[],
  fullViews: readonly (readonly number[])[],
  visit: (
    offsets: readonly number[],
    count: number,
    batchSteps: readonly number[],
    rows: number,
    rowSteps: readonly number[],
    cols: number,
    colSteps: readonly number[],
    at: number,
  ) => void,
): void {
  if (size(fullShape) === 0) return;
  const merged = coalesce(fullShape, fullViews);
  const pad = Math.max(0, 3 - merged.shape.length);
  const shape = [...Array(pad).fill(1), ...merged.shape];
  const views = merged.views.map((v) => [...Array(pad).fill(0), ...v]);
  const rank = shape.length;
  const [rows, cols] = [shape[rank - 2], shape[rank - 1]];
  const rowSteps = views.map((v) => v[rank - 2]);
  const colSteps = views.map((v) => v[rank - 1]);
  const outer = views.map((v) => v.slice(0, -2));
  walk(shape.slice(0, -2), outer, (offsets, count, batchSteps, at) => {
    visit(offsets, count, batchSteps, rows, rowSteps, cols, colSteps, at * rows * cols);
  });
}

/** A plain result of at least this many entries is gathered in the kernels' memory and copied out. */
const COPY_OUT_MIN = 4096;

/**
 * A row-major copy of the view of `data` with the given shape and strides (into `out` when given).
 *
 * @example gather(Float64Array.of(1, 2, 3, 4), [2, 2], [1, 2]) // transpose: [1, 3, 2, 4]
 * @example gather(Float64Array.of(1, 2, 3, 4), [2], [3]) // diagonal: [1, 4]
 */
export function gather(
  data: Float64Array,
  shape: readonly number[],
  viewStrides: readonly number[],
  out: Float64Array = new Float64Array(size(shape)),
): Float64Array {
  if (gatherResident(data, shape, viewStrides, out)) return out;
  if (address(data) >= 0 && out.length >= COPY_OUT_MIN) {
    // from the kernels' memory into a large plain array: the WebAssembly block copy into scratch
    // there, then one copy out, beat JavaScript's strided loop
    const scratch = allocate(out.length);
    if (scratch !== null) {
      gatherResident(data, shape, viewStrides, scratch);
      out.set(scratch);
      release(scratch);
      return out;
    }
  }
  walk(shape, [viewStrides], (offsets, count, steps, at) => {
    const offset = offsets[0];
    const step = steps[0];
    if (step === 1 && count >= 16) out.set(data.subarray(offset, offset + count), at);
    else for (let i = 0, p = offset; i < count; i++, p += step) out[at + i] = data[p];
  });
  return out;
}

/**
 * `gather` between two arrays in the kernels' memory, a block of the two innermost axes per call
 * of the WebAssembly block copy (JavaScript's stores into shared memory are slow); false, having
 * done nothing, when either array lives elsewhere.
 */
function gatherResident(
  data: Float64Array,
  shape: readonly number[],
  viewStrides: readonly number[],
  out: Float64Array,
): boolean {
  const from = address(data);
  const to = address(out);
  const copy = from >= 0 && to >= 0 ? runtime()?.pack.copyBlock : undefined;
  if (copy === undefined) return false;
  walkBlocks(
    shape,
    [viewStrides],
    (offsets, count, batchSteps, rows, rowSteps, cols, colSteps, at) => {
      for (let k = 0; k < count; k++) {
        const [dst, src] = [
          to + 8 * (at + k * rows * cols),
          from + 8 * (offsets[0] + k * batchSteps[0]),
        ];
        copy(dst, src, rows, cols, 8 * rowSteps[0], 8 * colSteps[0]);
      }
    },
  );
  return true;
}

/**
 * A zero array of `length` entries (`into`, zeroed, when given) with the row-major `values` written
 * onto the view of the given shape and strides.
 *
 * @example scatter(Float64Array.of(1, 2), [2], [3], 4) // onto the diagonal: [1, 0, 0, 2]
 */
export function scatter(
  values: Float64Array,
  shape: readonly number[],
  viewStrides: readonly number[],
  length: number,
  into?: Float64Array,
): Float64Array {
  const out = into?.fill(0) ?? new Float64Array(length);
  walk(shape, [viewStrides], (offsets, count, steps, at) => {
    const offset = offsets[0];
    const step = steps[0];
    for (let i = 0, p = offset; i < count; i++, p += step) out[p] = values[at + i];
  });
  return out;
}
