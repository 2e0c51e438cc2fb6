/**
 * The matrix product in plain JavaScript, for large products where WebAssembly SIMD is missing:
 * the classic blocked scheme — a kc × nc block of B packed into 4-column panels, a 4-row strip of A
 * into a panel, both by the packers of `pack.ts` (the same layout as the SIMD kernel's), and a
 * 4 × 4 register-tiled micro-kernel reading both sequentially.
 */
import { packA, packB } from "./pack.js";
import { MR, NR } from "./simdKernel.js";
import type { StridedMatrix } from "./strided.js";

const KC = 256;
const NC = 256;

/** Blocked and packed: `C = A · B` for one batch entry, accumulated into `c` at `cOff`. */
export function matmulBlocked(
  a: StridedMatrix,
  b: StridedMatrix,
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
      packB(b, p0, kc, j0, nc, bPack, 0);
      for (let i0 = 0; i0 < m; i0 += MR) {
        const h = Math.min(MR, m - i0);
        packA(a, i0, h, p0, kc, aPack, 0);
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
