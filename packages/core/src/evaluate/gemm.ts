/**
 * The batched matrix product at the heart of every pairwise contraction: `C[b] = A[b] · B[b]` for
 * row-major `A: [batch, m, k]` and `B: [batch, k, n]`. Products of a few thousand multiply–adds
 * and up run on the WebAssembly SIMD kernel (`wasmGemm.ts`); where that is unavailable, or below
 * that size, this file's JavaScript kernels run. Large products use the classic blocked
 * scheme: a kc × nc block of B is packed into 4-column panels and a 4-row strip of A into a panel,
 * both contiguous, so a 4 × 4 register-tiled micro-kernel reads them sequentially while the block
 * stays in cache; edges are zero-padded in the panels and clipped when written back. Small
 * products (and matrix–vector ones) skip the packing and run a plain i-k-j loop, whose inner loop
 * streams contiguously through a row of B and a row of C.
 */

import { wasmAvailable, wasmMatmul } from "./wasmGemm.js";

const MR = 4;
const NR = 4;
/** Products of at least this many multiply–adds (per batch entry) run on the WebAssembly kernel. */
const WASM_MIN = 4096;
const KC = 256;
const NC = 256;

/** i-k-j order: `C = A · B` for one batch entry, written into `c` at `cOff`. */
function matmulSmall(
  a: Float64Array,
  aOff: number,
  b: Float64Array,
  bOff: number,
  c: Float64Array,
  cOff: number,
  m: number,
  k: number,
  n: number,
): void {
  for (let i = 0; i < m; i++) {
    const aRow = aOff + i * k;
    const cRow = cOff + i * n;
    if (n === 1) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[aRow + p] * b[bOff + p];
      c[cRow] = s;
      continue;
    }
    for (let p = 0; p < k; p++) {
      const x = a[aRow + p];
      const bRow = bOff + p * n;
      for (let j = 0; j < n; j++) c[cRow + j] += x * b[bRow + j];
    }
  }
}

/** Blocked and packed: `C = A · B` for one batch entry, accumulated into `c` at `cOff`. */
function matmulBlocked(
  a: Float64Array,
  aOff: number,
  b: Float64Array,
  bOff: number,
  c: Float64Array,
  cOff: number,
  m: number,
  k: number,
  n: number,
): void {
  const bPack = new Float64Array(KC * (NC + NR));
  const aPack = new Float64Array(KC * MR);
  for (let j0 = 0; j0 < n; j0 += NC) {
    const nc = Math.min(NC, n - j0);
    for (let p0 = 0; p0 < k; p0 += KC) {
      const kc = Math.min(KC, k - p0);
      // B[p0 : p0+kc, j0 : j0+nc] as panels of NR columns: bPack[panel][p][0..NR).
      for (let jp = 0; jp < nc; jp += NR) {
        const base = jp * kc;
        const w = Math.min(NR, nc - jp);
        for (let p = 0; p < kc; p++) {
          const src = bOff + (p0 + p) * n + j0 + jp;
          const dst = base + p * NR;
          for (let q = 0; q < NR; q++) bPack[dst + q] = q < w ? b[src + q] : 0;
        }
      }
      for (let i0 = 0; i0 < m; i0 += MR) {
        const h = Math.min(MR, m - i0);
        for (let p = 0; p < kc; p++) {
          for (let r = 0; r < MR; r++) {
            aPack[p * MR + r] = r < h ? a[aOff + (i0 + r) * k + p0 + p] : 0;
          }
        }
        for (let jp = 0; jp < nc; jp += NR) {
          microKernel(
            aPack,
            bPack,
            jp * kc,
            kc,
            c,
            cOff + i0 * n + j0 + jp,
            n,
            h,
            Math.min(NR, nc - jp),
          );
        }
      }
    }
  }
}

/** C[0..h, 0..w] += aPanel · bPanel over `kc` steps, with 16 accumulators in registers. */
function microKernel(
  ap: Float64Array,
  bp: Float64Array,
  bBase: number,
  kc: number,
  c: Float64Array,
  cAt: number,
  n: number,
  h: number,
  w: number,
): void {
  let c00 = 0,
    c01 = 0,
    c02 = 0,
    c03 = 0,
    c10 = 0,
    c11 = 0,
    c12 = 0,
    c13 = 0;
  let c20 = 0,
    c21 = 0,
    c22 = 0,
    c23 = 0,
    c30 = 0,
    c31 = 0,
    c32 = 0,
    c33 = 0;
  for (let p = 0, ai = 0, bi = bBase; p < kc; p++, ai += MR, bi += NR) {
    const a0 = ap[ai],
      a1 = ap[ai + 1],
      a2 = ap[ai + 2],
      a3 = ap[ai + 3];
    const b0 = bp[bi],
      b1 = bp[bi + 1],
      b2 = bp[bi + 2],
      b3 = bp[bi + 3];
    c00 += a0 * b0;
    c01 += a0 * b1;
    c02 += a0 * b2;
    c03 += a0 * b3;
    c10 += a1 * b0;
    c11 += a1 * b1;
    c12 += a1 * b2;
    c13 += a1 * b3;
    c20 += a2 * b0;
    c21 += a2 * b1;
    c22 += a2 * b2;
    c23 += a2 * b3;
    c30 += a3 * b0;
    c31 += a3 * b1;
    c32 += a3 * b2;
    c33 += a3 * b3;
  }
  if (h === MR && w === NR) {
    const r1 = cAt + n,
      r2 = r1 + n,
      r3 = r2 + n;
    c[cAt] += c00;
    c[cAt + 1] += c01;
    c[cAt + 2] += c02;
    c[cAt + 3] += c03;
    c[r1] += c10;
    c[r1 + 1] += c11;
    c[r1 + 2] += c12;
    c[r1 + 3] += c13;
    c[r2] += c20;
    c[r2 + 1] += c21;
    c[r2 + 2] += c22;
    c[r2 + 3] += c23;
    c[r3] += c30;
    c[r3 + 1] += c31;
    c[r3 + 2] += c32;
    c[r3 + 3] += c33;
    return;
  }
  const tile = [c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33];
  for (let r = 0; r < h; r++) for (let q = 0; q < w; q++) c[cAt + r * n + q] += tile[r * NR + q];
}

/**
 * The batched product of `a: [batch, m, k]` and `b: [batch, k, n]`, a new `[batch, m, n]` array.
 *
 * @example batchedMatmul(Float64Array.of(1, 2, 3, 4), Float64Array.of(1, 1), 1, 2, 2, 1) // [3, 7]
 */
export function batchedMatmul(
  a: Float64Array,
  b: Float64Array,
  batch: number,
  m: number,
  k: number,
  n: number,
): Float64Array {
  if (a.length !== batch * m * k || b.length !== batch * k * n) {
    throw new Error(`batchedMatmul: operands of ${a.length} and ${b.length} entries do not fit`);
  }
  const c = new Float64Array(batch * m * n);
  if (m * k * n >= WASM_MIN && m >= 4 && n >= 4 && wasmAvailable()) {
    for (let t = 0; t < batch; t++) wasmMatmul(a, t * m * k, b, t * k * n, c, t * m * n, m, k, n);
    return c;
  }
  const big = m >= 16 && n >= 16 && k >= 16;
  const kernel = big ? matmulBlocked : matmulSmall;
  for (let t = 0; t < batch; t++) kernel(a, t * m * k, b, t * k * n, c, t * m * n, m, k, n);
  return c;
}
