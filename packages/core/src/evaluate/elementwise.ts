/**
 * The elementwise product of two strided views of one shape: the pairwise steps that sum no label
 * — Hadamard products, a matrix scaled along an axis by a vector, outer products — are this, one
 * pass over the result. Broadcasting is a stride of 0, so a run along which one view is constant
 * is a scaling of the other view's run, and where both are contiguous it is a plain product. When
 * both operands live in the kernels' memory (`heap.ts`), the result too (a large plain one by way
 * of scratch there, as a small plain operand beside a large result), each batch of blocks of the
 * three innermost axes is one call of its SIMD block loop (`vectorKernel.ts`); other arrays go run
 * by run to the JavaScript loops of `loops.ts`.
 */
import { address, allocate, release } from "./heap.js";
import { shareRows } from "./helper.js";
import { multiplyInto, scaleInto } from "./loops.js";
import { walk, walkBlocks } from "./strided.js";
import { runtime } from "./wasmRuntime.js";

/** A plain result of at least this many entries is computed in the kernels' memory and copied out. */
const COPY_OUT_MIN = 4096;
/** Batches of at least this many blocks are one kernel call, split between the threads by blocks. */
const MANY_BLOCKS = 8;

/**
 * Writes `a ∘ b` over `shape` row-major into `out`, entry (i…) of each view being at `Σ i·stride`.
 *
 * @example
 * // a 2 × 2 matrix scaled column by column: [[1, 2], [3, 4]] ∘ [10, 100] broadcast along rows
 * multiplyViews([2, 2], Float64Array.of(1, 2, 3, 4), [2, 1], Float64Array.of(10, 100), [0, 1], out)
 * // out = [10, 200, 30, 400]
 */
export function multiplyViews(
  shape: readonly number[],
  a: Float64Array,
  aStrides: readonly number[],
  b: Float64Array,
  bStrides: readonly number[],
  out: Float64Array,
): Float64Array {
  const pa = address(a);
  const pb = address(b);
  const po = address(out);
  if (pa >= 0 && pb >= 0 && po < 0 && out.length >= COPY_OUT_MIN) {
    // a large plain result: the SIMD loops into scratch and one copy out beat JavaScript
    const scratch = allocate(out.length);
    if (scratch !== null) {
      multiplyViews(shape, a, aStrides, b, bStrides, scratch);
      out.set(scratch);
      release(scratch);
      return out;
    }
  }
  if (po >= 0 && pa < 0 !== pb < 0 && out.length >= COPY_OUT_MIN) {
    // a plain operand (a vector scaling a matrix, say) beside the kernels' memory is copied there
    // when it is no larger than the result: then the SIMD loops do the rest
    const plain = pa < 0 ? a : b;
    const copy = plain.length <= out.length ? allocate(plain.length) : null;
    if (copy !== null) {
      copy.set(plain);
      try {
        if (pa < 0) multiplyViews(shape, copy, aStrides, b, bStrides, out);
        else multiplyViews(shape, a, aStrides, copy, bStrides, out);
      } finally {
        release(copy);
      }
      return out;
    }
  }
  const kernels = pa >= 0 && pb >= 0 && po >= 0 ? runtime()?.vector : undefined;
  if (kernels !== undefined) {
    // batches of blocks of the three innermost axes, each one call of the SIMD block loop,
    // which wants a contiguous first operand where there is one
    walkBlocks(
      shape,
      [aStrides, bStrides],
      (offsets, count, batch, rows, rowSteps, cols, colSteps, at) => {
        const swap = colSteps[0] !== 1 && colSteps[1] === 1;
        const [u, v] = swap ? [1, 0] : [0, 1];
        const [pu, pv] = swap ? [pb, pa] : [pa, pb];
        const [du, dv] = [8 * rowSteps[u], 8 * rowSteps[v]];
        const [eu, ev] = [8 * colSteps[u], 8 * colSteps[v]];
        // many blocks are one call, shared with the helper thread by blocks; a few go one by one,
        // each shared by rows (a single row by columns), so that both threads get halves: the
        // part from block (row, column) `from` on starts `from` steps of these in dst, u and v
        const many = count >= MANY_BLOCKS;
        const axis = many ? 0 : rows > 1 ? 1 : 2;
        const [sd, su, sv] = [
          [8 * rows * cols, 8 * batch[u], 8 * batch[v]],
          [8 * cols, du, dv],
          [8, eu, ev],
        ][axis];
        const blocks = many ? count : 1;
        const parts = [count, rows, cols][axis];
        for (let k = 0; k < count; k += blocks) {
          const [d0, u0, v0] = [
            at + k * rows * cols,
            offsets[u] + k * batch[u],
            offsets[v] + k * batch[v],
          ];
          shareRows(kernels, parts, 3 * blocks * rows * cols, (from, to) => [
            "mulBlock",
            [
              po + 8 * d0 + from * sd,
              pu + 8 * u0 + from * su,
              pv + 8 * v0 + from * sv,
              axis === 1 ? to - from : rows,
              axis === 2 ? to - from : cols,
              du,
              dv,
              eu,
              ev,
              axis === 0 ? to - from : 1,
              8 * batch[u],
              8 * batch[v],
            ],
          ]);
        }
      },
    );
    return out;
  }
  walk(shape, [aStrides, bStrides], (offsets, count, steps, at) => {
    const oa = offsets[0];
    const ob = offsets[1];
    const sa = steps[0];
    const sb = steps[1];
    if (sb === 0) scaleInto(out, at, b[ob], a, oa, sa, count);
    else if (sa === 0) scaleInto(out, at, a[oa], b, ob, sb, count);
    else multiplyInto(out, at, a, oa, sa, b, ob, sb, count);
  });
  return out;
}
