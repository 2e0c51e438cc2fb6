/**
 * The elementwise product of two strided views of one shape: the pairwise steps that sum no label
 * — Hadamard products, a matrix scaled along an axis by a vector, outer products — are this, one
 * pass over the result. Broadcasting is a stride of 0, so a run along which one view is constant
 * is a scaling of the other view's run, and where both are contiguous it is a plain product loop.
 */
import { multiplyInto, scaleInto } from "./loops.js";
import { walk } from "./strided.js";

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
  walk(shape, [aStrides, bStrides], (offsets, count, steps, at) => {
    if (steps[1] === 0) scaleInto(out, at, b[offsets[1]], a, offsets[0], steps[0], count);
    else if (steps[0] === 0) scaleInto(out, at, a[offsets[0]], b, offsets[1], steps[1], count);
    else multiplyInto(out, at, a, offsets[0], steps[0], b, offsets[1], steps[1], count);
  });
  return out;
}
