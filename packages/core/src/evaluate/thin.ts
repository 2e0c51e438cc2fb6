/**
 * Thin products — a matrix times one or two vectors, or one or two rows times a matrix — on the
 * SIMD loops of `vectorKernel.ts`: matrix–vector products, dot products along the matrix's rows or
 * axpys along them, whichever reads it contiguously, two vectors in one pass. They apply when the
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
 * The matrix–vector products y_v = M x_v for one or two vectors, the rows of `x` (x_v[p] at
 * `x.data[x.offset + v·x.row + p·x.col]`, p < k), on the SIMD loops of `vectorKernel.ts`, when M
 * (`rows` × k) lives in the kernels' memory with contiguous rows or columns: dot products along
 * its rows, or axpys along them, two vectors in one pass over M. y_v's entries are `cStep` apart
 * from `cOff + v·cGap` on in C. The vectors, when strided or elsewhere, and C, when strided or
 * elsewhere, go through scratch space: both are short next to the matrix. Says whether it ran.
 */
function residentVectorProducts(
  matrix: StridedMatrix,
  rows: number,
  k: number,
  x: StridedMatrix,
  vectors: 1 | 2,
  c: Float64Array,
  cOff: number,
  cStep: number,
  cGap: number,
): boolean {
  const kernels = runtime()?.vector;
  const home = address(matrix.data);
  if (kernels === undefined || home < 0 || (matrix.col !== 1 && matrix.row !== 1)) return false;
  const inPlace = address(x.data) >= 0 && x.col === 1;
  const direct = address(c) >= 0 && cStep === 1;
  const scratch = reserve(8 * vectors * ((inPlace ? 0 : k) + (direct ? 0 : rows)));
  if (scratch < 0) return false;
  const [xAt, xGap] = inPlace ? [address(x.data) + 8 * x.offset, 8 * x.row] : [scratch, 8 * k];
  const [y, yGap] = direct
    ? [address(c) + 8 * cOff, 8 * cGap]
    : [scratch + (inPlace ? 0 : 8 * vectors * k), 8 * rows];
  const mem = heap();
  if (!inPlace) {
    for (let v = 0; v < vectors; v++) {
      for (let p = 0; p < k; p++)
        mem[xAt / 8 + v * k + p] = x.data[x.offset + v * x.row + p * x.col];
    }
  }
  const gaps = vectors === 2 ? [yGap, xGap] : [];
  const at = home + 8 * matrix.offset;
  // entries of y apart: shared with the helper thread when the matrix is large
  if (matrix.col === 1) {
    const lda = 8 * matrix.row;
    shareRows(kernels, rows, rows * k, (from, to) => [
      vectors === 2 ? "dotRows2" : "dotRows",
      [y + 8 * from, at + from * lda, xAt, to - from, k, lda, ...gaps],
    ]);
  } else {
    // the axpys add into y
    const clear = (from: number, to: number) => {
      for (let v = 0; v < vectors; v++)
        zero(mem, (y + v * yGap) / 8 + from, (y + v * yGap) / 8 + to);
    };
    clear(0, rows);
    const ldb = 8 * matrix.col;
    shareRows(
      kernels,
      rows,
      rows * k,
      (from, to) => [
        vectors === 2 ? "axpyRows2" : "axpyRows",
        [y + 8 * from, xAt, at + 8 * from, k, to - from, ldb, ...gaps],
      ],
      clear,
    );
  }
  if (!direct) {
    for (let v = 0; v < vectors; v++) {
      for (let i = 0; i < rows; i++) c[cOff + v * cGap + i * cStep] = mem[(y + v * yGap) / 8 + i];
    }
  }
  unreserve(scratch);
  return true;
}

/**
 * A batch of thin products `C[t] = A[t] · B[t]` (m ≤ 2 or n ≤ 2), strided as in `batchedMatmul`,
 * as matrix–vector products (both vectors of a side of two in one pass over the matrix), when they
 * apply (see `residentVectorProducts`). Says whether it ran; when not, C may hold partial results.
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
    // m ≤ n: C's rows are Bᵀ times A's rows; else C's columns are A times B's columns
    const ran =
      m <= n
        ? residentVectorProducts(
            { data: b, offset: bOff, row: bc, col: br },
            n,
            k,
            { data: a, offset: aOff, row: ar, col: ac },
            m as 1 | 2,
            c,
            cOff,
            1,
            n,
          )
        : residentVectorProducts(
            { data: a, offset: aOff, row: ar, col: ac },
            m,
            k,
            { data: b, offset: bOff, row: bc, col: br },
            n as 1 | 2,
            c,
            cOff,
            n,
            1,
          );
    if (!ran) return false;
  }
  return true;
}
