/**
 * The batched matrix product at the heart of every pairwise contraction: `C[t] = A[t] · B[t]`,
 * with A and B read through strides (so a transposed or interleaved operand needs no copy) and C
 * written row-major. Products with k = 1 — outer products, scalings and Hadamard products — are
 * elementwise products (`elementwise.ts`). Thin products (a side of one or two) whose matrix lives in
 * the kernels' memory run as matrix–vector products on SIMD loops (`thin.ts`). Other products of a
 * few thousand multiply–adds and up run on the WebAssembly SIMD kernel (`wasmGemm.ts`) unless a
 * side is a vector (its 4 × 4 tiles would be three-quarters padding); below that size, for
 * vectors, or where WebAssembly SIMD is unavailable, this file's JavaScript kernels run, on the
 * unrolled loops of `loops.ts`: for matrix–vector products dot products or axpys, whichever reads
 * the matrix contiguously; an i-k-j loop of axpys for other small products; and for large ones
 * the blocked kernel of `jsGemm.ts`.
 */

import { multiplyViews } from "./elementwise.js";
import { matmulBlocked } from "./jsGemm.js";
import { addScaled, dot, zero } from "./loops.js";
import { thinProducts } from "./thin.js";
import { wasmBatch } from "./wasmGemm.js";

/** Strides of a batch of matrices: entry (t, i, j) is at `t·batch + i·row + j·col`. */
export type BatchStrides = readonly [batch: number, row: number, col: number];

/** Products of at least this many multiply–adds (per batch entry) run on the WebAssembly kernel. */
const WASM_MIN = 4096;
/** Thin products of at least this many multiply–adds run on the SIMD loops when they can. */
const THIN_MIN = 256;

/** `C = A · B` for one batch entry of small strided operands, written into `c` at `cOff`. */
function matmulSmall(
  a: Float64Array,
  aOff: number,
  aRow: number,
  aCol: number,
  b: Float64Array,
  bOff: number,
  bRow: number,
  bCol: number,
  c: Float64Array,
  cOff: number,
  m: number,
  k: number,
  n: number,
): void {
  // vectors: dot products along A's rows (or B's columns) where those are contiguous, else axpys
  // along the contiguous direction (the caller zeroed C)
  if (n === 1 && !(aCol !== 1 && aRow === 1)) {
    for (let i = 0; i < m; i++) c[cOff + i] = dot(a, aOff + i * aRow, aCol, b, bOff, bRow, k);
    return;
  }
  if (n === 1) {
    for (let p = 0; p < k; p++) addScaled(c, cOff, b[bOff + p * bRow], a, aOff + p * aCol, 1, m);
    return;
  }
  if (m === 1 && bCol !== 1 && bRow === 1) {
    for (let j = 0; j < n; j++) c[cOff + j] = dot(a, aOff, aCol, b, bOff + j * bCol, 1, k);
    return;
  }
  for (let i = 0; i < m; i++) {
    const cRow = cOff + i * n;
    for (let p = 0; p < k; p++) {
      const x = a[aOff + i * aRow + p * aCol];
      addScaled(c, cRow, x, b, bOff + p * bRow, bCol, n);
    }
  }
}

/** How many entries a batch of `dims` read through `strides` spans (0 when it is empty). */
function extent(strides: BatchStrides, dims: readonly number[]): number {
  if (dims.some((d) => d === 0)) return 0;
  return 1 + dims.reduce((s, d, a) => s + (d - 1) * strides[a], 0);
}

/**
 * The batched product of `a: [batch, m, k]` and `b: [batch, k, n]`, a new row-major
 * `[batch, m, n]` array (or `out`, overwritten, when given). The operands are row-major unless
 * their strides say otherwise.
 *
 * @example batchedMatmul(Float64Array.of(1, 2, 3, 4), Float64Array.of(1, 1), 1, 2, 2, 1) // [3, 7]
 * @example batchedMatmul(a, b, 1, m, k, n, [0, 1, m]) // Aᵀ · B for a k × m array `a`
 */
export function batchedMatmul(
  a: Float64Array,
  b: Float64Array,
  batch: number,
  m: number,
  k: number,
  n: number,
  aStrides: BatchStrides = [m * k, k, 1],
  bStrides: BatchStrides = [k * n, n, 1],
  out?: Float64Array,
): Float64Array {
  if (
    extent(aStrides, [batch, m, k]) > a.length ||
    extent(bStrides, [batch, k, n]) > b.length ||
    [...aStrides, ...bStrides].some((s) => !(s >= 0))
  ) {
    throw new Error(`batchedMatmul: operands of ${a.length} and ${b.length} entries do not fit`);
  }
  if (out !== undefined && out.length !== batch * m * n) {
    throw new Error(`batchedMatmul: the output has ${out.length} entries, not ${batch * m * n}`);
  }
  const c = out ?? new Float64Array(batch * m * n);
  const [at, ar, ac] = aStrides;
  const [bt, br, bc] = bStrides;
  if (k === 1) {
    // an outer product per batch entry: an elementwise product of A's column and B's row
    return multiplyViews([batch, m, n], a, [at, ar, 0], b, [bt, 0, bc], c);
  }
  const view = (data: Float64Array, offset: number, row: number, col: number) => ({
    data,
    offset,
    row,
    col,
  });
  const thin = Math.min(m, n) <= 2 && m * k * n >= THIN_MIN;
  if (thin && thinProducts(a, aStrides, b, bStrides, c, batch, m, k, n)) return c;
  if (m * k * n >= WASM_MIN && m >= 2 && n >= 2) {
    // the kernel declines only when its memory cannot hold a product: then the loops below
    const entry = (t: number) => [view(a, t * at, ar, ac), view(b, t * bt, br, bc)] as const;
    if (wasmBatch(entry, c, batch, m, k, n)) return c;
  }
  zero(c, 0, c.length); // the kernels below accumulate (into `out`, or after a declined kernel)
  if (m >= 16 && n >= 16 && k >= 16) {
    for (let t = 0; t < batch; t++) {
      matmulBlocked(view(a, t * at, ar, ac), view(b, t * bt, br, bc), c, t * m * n, m, k, n);
    }
    return c;
  }
  for (let t = 0; t < batch; t++) {
    matmulSmall(a, t * at, ar, ac, b, t * bt, br, bc, c, t * m * n, m, k, n);
  }
  return c;
}
