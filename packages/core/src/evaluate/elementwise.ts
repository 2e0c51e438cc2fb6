/**
 * The elementwise product of two strided views of one shape: the pairwise steps that sum no label
 * — Hadamard products, a matrix scaled along an axis by a vector, outer products — are this, one
 * pass over the result. Broadcasting is a stride of 0, so a run along which one view is constant
 * is a scaling of the other view's run, and where both are contiguous it is a plain product. When
 * both operands live in the kernels' memory (`heap.ts`), contiguous runs go to its SIMD loops
 * (`vectorKernel.ts`), the result too (a large plain one by way of scratch there); other runs,
 * and other arrays, to the JavaScript loops of `loops.ts`.
 */
import { address, allocate, release } from "./heap.js";
import { multiplyInto, scaleInto } from "./loops.js";
import { innerRun, walk } from "./strided.js";
import { runtime } from "./wasmRuntime.js";

/** Runs shorter than this stay in JavaScript: a call into WebAssembly costs a few entries' work. */
const WASM_RUN = 16;
/** A plain result of at least this many entries is computed in the kernels' memory and copied out. */
const COPY_OUT_MIN = 4096;

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
    // a plain result of long runs: the SIMD loops into scratch and one copy out beat JavaScript
    const scratch = innerRun(shape, [aStrides, bStrides]) >= WASM_RUN ? allocate(out.length) : null;
    if (scratch !== null) {
      multiplyViews(shape, a, aStrides, b, bStrides, scratch);
      out.set(scratch);
      release(scratch);
      return out;
    }
  }
  const kernels = pa >= 0 && pb >= 0 && po >= 0 ? runtime()?.vector : undefined;
  walk(shape, [aStrides, bStrides], (offsets, count, steps, at) => {
    const oa = offsets[0];
    const ob = offsets[1];
    const sa = steps[0];
    const sb = steps[1];
    if (kernels !== undefined && count >= WASM_RUN && sa + sb >= 1 && sa <= 1 && sb <= 1) {
      const x = pa + 8 * oa;
      const y = pb + 8 * ob;
      if (sa === 1 && sb === 1) kernels.mul(po + 8 * at, x, y, count);
      else if (sb === 0) kernels.scale(po + 8 * at, x, y, count);
      else kernels.scale(po + 8 * at, y, x, count);
    } else if (sb === 0) scaleInto(out, at, b[ob], a, oa, sa, count);
    else if (sa === 0) scaleInto(out, at, a[oa], b, ob, sb, count);
    else multiplyInto(out, at, a, oa, sa, b, ob, sb, count);
  });
  return out;
}
