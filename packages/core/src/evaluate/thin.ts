/**
 * Thin products — a matrix times one or two vectors, or one or two rows times a matrix — on the
 * SIMD loops of `vectorKernel.ts`: each vector is one matrix–vector product, dot products along
 * the matrix's rows or axpys along them, whichever reads it contiguously. They apply when the
 * matrix lives in the kernels' memory (`heap.ts`) with contiguous rows or columns; the block
 * kernel's 4 × 4 tiles would be half padding or more, and a JavaScript loop is several times
 * slower than these memory-bound loops.
 */

import type { BatchStrides } from "./gemm.js";
import { address, heap, reserve, unreserve } from "./heap.js";
import { shareRows } from "./helper.js";
import { zero } from "./loops.js";
import type { StridedMatrix } from "./strided.js";
import { runtime } from "./wasmRuntime.js";

/**
 * A matrix–vector product (m = 1 or n = 1) on the SIMD loops of `vectorKernel.ts`, when the
 * matrix lives in the kernels' memory with contiguous rows or columns: dot products along its
 * rows, or axpys along them. The vector, when strided or elsewhere, and C, when strided (its
 * entries are `cStep` apart from `cOff` on) or elsewhere, go through scratch space: both are
 * short next to the matrix. Says whether it ran.
 */
function residentVectorProduct(
  a: StridedMatrix,
  b: StridedMatrix,
  c: Float64Array,
  cOff: number,
  cStep: number,
  m: number,
  k: number,
  n: number,
): boolean {
  // y = M x with M: rows × k. For n = 1, M = A and x = B's column; for m = 1, M = Bᵀ and x = A's row.
  const [matrix, rows] = n === 1 ? [a, m] : [{ ...b, row: b.col, col: b.row }, n];
  const [vector, step] = n === 1 ? [b, b.row] : [a, a.col];
  const kernels = runtime()?.vector;
  const home = address(matrix.data);
  if (kernels === undefined || home < 0 || (matrix.col !== 1 && matrix.row !== 1)) return false;
  const inPlace = address(vector.data) >= 0 && step === 1;
  const direct = address(c) >= 0 && cStep === 1;
  const scratch = reserve(8 * ((inPlace ? 0 : k) + (direct ? 0 : rows)));
  if (scratch < 0) return false;
  const x = inPlace ? address(vector.data) + 8 * vector.offset : scratch;
  const y = direct ? address(c) + 8 * cOff : scratch + (inPlace ? 0 : 8 * k);
  const mem = heap();
  if (!inPlace) for (let p = 0; p < k; p++) mem[x / 8 + p] = vector.data[vector.offset + p * step];
  const at = home + 8 * matrix.offset;
  // entries of y apart: shared with the helper thread when the matrix is large
  if (matrix.col === 1) {
    const lda = 8 * matrix.row;
    shareRows(kernels, rows, rows * k, (from, to) => [
      "dotRows",
      [y + 8 * from, at + from * lda, x, to - from, k, lda],
    ]);
  } else {
    // the axpys add into y
    const clear = (from: number, to: number) => zero(mem, y / 8 + from, y / 8 + to);
    clear(0, rows);
    const ldb = 8 * matrix.col;
    shareRows(
      kernels,
      rows,
      rows * k,
      (from, to) => ["axpyRows", [y + 8 * from, x, at + 8 * from, k, to - from, ldb]],
      clear,
    );
  }
  if (!direct) for (let i = 0; i < rows; i++) c[cOff + i * cStep] = mem[y / 8 + i];
  unreserve(scratch);
  return true;
}

/**
 * A batch of thin products `C[t] = A[t] · B[t]` (m ≤ 2 or n ≤ 2), strided as in `batchedMatmul`,
 * as that many matrix–vector products, when they apply (see `residentVectorProduct`). Says
 * whether it ran; when not, C may hold partial results.
 *
 * @example if (!thinProducts(a, [0, k, 1], b, [0, 2, 1], c, 1, m, k, 2)) useAnotherKernel()
 */
export function thinProducts(
  a: Float64Array,
  [at, ar, ac]: BatchStrides,
  b: Float64Array,
  [bt, br, bc]: BatchStrides,
  c: Float64Array,
  batch: number,
  m: number,
  k: number,
  n: number,
): boolean {
  for (let t = 0; t < batch; t++) {
    const [aOff, bOff, cOff] = [t * at, t * bt, t * m * n];
    if (m <= n) {
      for (let i = 0; i < m; i++) {
        const row = { data: a, offset: aOff + i * ar, row: 0, col: ac };
        const right = { data: b, offset: bOff, row: br, col: bc };
        if (!residentVectorProduct(row, right, c, cOff + i * n, 1, 1, k, n)) return false;
      }
    } else {
      for (let j = 0; j < n; j++) {
        const left = { data: a, offset: aOff, row: ar, col: ac };
        const column = { data: b, offset: bOff + j * bc, row: br, col: 0 };
        if (!residentVectorProduct(left, column, c, cOff + j, n, m, k, 1)) return false;
      }
    }
  }
  return true;
}
