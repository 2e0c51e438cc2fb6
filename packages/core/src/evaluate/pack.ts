/**
 * Packing for the matrix kernel: a block of A becomes MR-row panels and a block of B NR-column
 * panels, each panel step by step (`kcPad` steps, zero-padded at the edges), so that the kernel
 * reads both sequentially. The sources are read in place through their strides — a transposed
 * operand is packed as cheaply as a plain one — and full panels move four values a loop trip.
 */
import { MR, NR } from "./simdKernel.js";
import type { StridedMatrix } from "./strided.js";

/**
 * A[i0 : i0+mc, p0 : p0+kc] as MR-row panels of `kcPad` steps:
 * mem[at + panel·kcPad·MR + p·MR + r], zero-padded in both directions.
 *
 * @example
 * // a 2 × 2 matrix as one 4-row panel of 2 steps: [1, 3, 0, 0, 2, 4, 0, 0]
 * packA({ data: Float64Array.of(1, 2, 3, 4), offset: 0, row: 2, col: 1 }, 0, 2, 0, 2, 2, mem, 0)
 */
export function packA(
  a: StridedMatrix,
  i0: number,
  mc: number,
  p0: number,
  kc: number,
  kcPad: number,
  mem: Float64Array,
  at: number,
): void {
  const { data, row, col } = a;
  for (let ip = 0; ip < mc; ip += MR) {
    const base = at + ip * kcPad;
    const h = Math.min(MR, mc - ip);
    const first = a.offset + (i0 + ip) * row + p0 * col;
    if (h < MR || kcPad > kc) mem.fill(0, base, base + kcPad * MR);
    if (h === MR) {
      // a full panel: four rows side by side, whatever the strides
      for (let p = 0, dst = base, src = first; p < kc; p++, dst += MR, src += col) {
        mem[dst] = data[src];
        mem[dst + 1] = data[src + row];
        mem[dst + 2] = data[src + 2 * row];
        mem[dst + 3] = data[src + 3 * row];
      }
    } else {
      for (let r = 0; r < h; r++) {
        let src = first + r * row;
        for (let p = 0, dst = base + r; p < kc; p++, dst += MR, src += col) mem[dst] = data[src];
      }
    }
  }
}

/**
 * B[p0 : p0+kc, j0 : j0+nc] as NR-column panels of `kcPad` steps:
 * mem[at + panel·kcPad·NR + p·NR + q], zero-padded in both directions.
 *
 * @example
 * // a 2 × 2 matrix as one 4-column panel of 2 steps: [1, 2, 0, 0, 3, 4, 0, 0]
 * packB({ data: Float64Array.of(1, 2, 3, 4), offset: 0, row: 2, col: 1 }, 0, 2, 2, 0, 2, mem, 0)
 */
export function packB(
  b: StridedMatrix,
  p0: number,
  kc: number,
  kcPad: number,
  j0: number,
  nc: number,
  mem: Float64Array,
  at: number,
): void {
  const { data, row, col } = b;
  for (let jp = 0; jp < nc; jp += NR) {
    const base = at + jp * kcPad;
    const w = Math.min(NR, nc - jp);
    const first = b.offset + p0 * row + (j0 + jp) * col;
    if (w < NR || kcPad > kc) mem.fill(0, base, base + kcPad * NR);
    if (w === NR) {
      // a full panel: four columns side by side, whatever the strides
      for (let p = 0, dst = base, src = first; p < kc; p++, dst += NR, src += row) {
        mem[dst] = data[src];
        mem[dst + 1] = data[src + col];
        mem[dst + 2] = data[src + 2 * col];
        mem[dst + 3] = data[src + 3 * col];
      }
    } else {
      for (let q = 0; q < w; q++) {
        let src = first + q * col;
        for (let p = 0, dst = base + q; p < kc; p++, dst += NR, src += row) mem[dst] = data[src];
      }
    }
  }
}
