/**
 * Packing for the matrix kernel: a block of B becomes NR-column panels and a block of A MR-row
 * panels, each panel step by step (zero-padded at the edges), so that the kernel reads both
 * sequentially; or, when A's rows or columns are contiguous, A's block is copied as plain rows or
 * columns, which the kernel reads as they are (block copies, much cheaper than interleaving). The
 * sources are read in place through their strides — a transposed operand is packed as cheaply as
 * a plain one — and full panels move four values a loop trip; where source and panels both live
 * in the kernels' memory, every panel is packed in WebAssembly (`packKernel.ts`; JavaScript's
 * stores into shared memory are slow): full panels whose lanes or steps are contiguous by its SIMD
 * packers, others a value at a time. Those packer calls can also be handed over instead of run
 * (`Packer`), for the helper thread to pack the panels of B it multiplies (`blocked.ts`).
 */
import { address } from "./heap.js";
import { zero } from "./loops.js";
import { MR } from "./simdKernel.js";
import type { StridedMatrix } from "./strided.js";
import { runtime } from "./wasmRuntime.js";

/** The SIMD packers of `packKernel.ts`, each called with six numbers. */
export type PackerName = "packSide" | "packLanes" | "packStrided";
/** Something that runs (or records) one packer call. */
export type Packer = (
  name: PackerName,
  dst: number,
  src: number,
  kc: number,
  step: number,
  count: number,
  stride: number,
) => void;

/**
 * Packs A[i0 : i0+mc, p0 : p0+kc] as `packA` does, when A and `mem` both live in the kernels'
 * memory and its SIMD packers are there (else does nothing and says false): full panels on the
 * SIMD packers where a panel's lanes or steps are contiguous, other panels a value at a time, all
 * in WebAssembly (plain JavaScript stores into shared memory are slow). The packer calls run at
 * once, or are handed to `pack` (which may record them for the helper thread, `blocked.ts`).
 */
function packPanels(
  a: StridedMatrix,
  i0: number,
  mc: number,
  p0: number,
  kc: number,
  mem: Float64Array,
  at: number,
  pack?: Packer,
): boolean {
  const { row, col } = a;
  const home = address(a.data);
  const into = address(mem);
  const kernels = runtime()?.pack;
  if (home < 0 || into < 0 || kernels === undefined) return false;
  const call: Packer =
    pack ??
    ((name, dst, src, kc, step, count, stride) => kernels[name](dst, src, kc, step, count, stride));
  const src = home + 8 * (a.offset + i0 * row + p0 * col);
  const dst = into + 8 * at;
  const contiguous = row === 1 || col === 1;
  const full = contiguous ? Math.floor(mc / MR) : 0;
  if (full > 0 && row === 1) call("packSide", dst, src, kc, 8 * col, full, 8 * MR);
  else if (full > 0) call("packLanes", dst, src, kc, 8 * row, full, 8 * MR * row);
  for (let ip = full * MR; ip < mc; ip += MR) {
    const h = Math.min(MR, mc - ip);
    call("packStrided", dst + 8 * ip * kc, src + 8 * ip * row, kc, 8 * col, 8 * row, h);
  }
  return true;
}

/**
 * A[i0 : i0+mc, p0 : p0+kc] as MR-row panels of `kc` steps:
 * mem[at + panel·kc·MR + p·MR + r], the last panel zero-padded. Given `pack`, the SIMD packers'
 * calls go to it instead of running; then nothing is packed (and it says false) where they do not
 * apply.
 *
 * @example
 * // a 2 × 2 matrix as one 4-row panel of 2 steps: [1, 3, 0, 0, 2, 4, 0, 0]
 * packA({ data: Float64Array.of(1, 2, 3, 4), offset: 0, row: 2, col: 1 }, 0, 2, 0, 2, mem, 0)
 */
export function packA(
  a: StridedMatrix,
  i0: number,
  mc: number,
  p0: number,
  kc: number,
  mem: Float64Array,
  at: number,
  pack?: Packer,
): boolean {
  if (packPanels(a, i0, mc, p0, kc, mem, at, pack)) return true;
  if (pack !== undefined) return false;
  const { data, row, col } = a;
  for (let ip = 0; ip < mc; ip += MR) {
    const base = at + ip * kc;
    const h = Math.min(MR, mc - ip);
    const first = a.offset + (i0 + ip) * row + p0 * col;
    if (h < MR) zero(mem, base, base + kc * MR);
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
  return true;
}

/**
 * B[p0 : p0+kc, j0 : j0+nc] as NR-column panels of `kc` steps:
 * mem[at + panel·kc·NR + p·NR + q], the last panel zero-padded. These are the MR-row panels of
 * Bᵀ (NR = MR), so `packA` packs them from B's transposed view (`pack` as there).
 *
 * @example
 * // a 2 × 2 matrix as one 4-column panel of 2 steps: [1, 2, 0, 0, 3, 4, 0, 0]
 * packB({ data: Float64Array.of(1, 2, 3, 4), offset: 0, row: 2, col: 1 }, 0, 2, 0, 2, mem, 0)
 */
export function packB(
  b: StridedMatrix,
  p0: number,
  kc: number,
  j0: number,
  nc: number,
  mem: Float64Array,
  at: number,
  pack?: Packer,
): boolean {
  return packA(transposed(b), j0, nc, p0, kc, mem, at, pack);
}

const transposed = (m: StridedMatrix): StridedMatrix => ({
  data: m.data,
  offset: m.offset,
  row: m.col,
  col: m.row,
});

/**
 * Rows i0 … i0+mc of A (contiguous rows: `a.col` is 1), columns p0 … p0+kc, copied as plain rows
 * of `kc` entries from mem[at] on, then zero rows up to a whole number of MR-row panels.
 *
 * @example copyRows({ data: Float64Array.of(1, 2, 3, 4), offset: 0, row: 2, col: 1 }, 0, 2, 1, 1, mem, 0) // [2, 4, 0, 0]
 */
export function copyRows(
  a: StridedMatrix,
  i0: number,
  mc: number,
  p0: number,
  kc: number,
  mem: Float64Array,
  at: number,
): void {
  const { data, row } = a;
  for (let r = 0, src = a.offset + i0 * row + p0, dst = at; r < mc; r++, src += row, dst += kc) {
    if (kc >= 64) mem.set(data.subarray(src, src + kc), dst);
    else for (let p = 0; p < kc; p++) mem[dst + p] = data[src + p];
  }
  zero(mem, at + mc * kc, at + Math.ceil(mc / MR) * MR * kc);
}

/**
 * Rows i0 … i0+mc of A (contiguous columns: `a.row` is 1), columns p0 … p0+kc, copied as plain
 * columns: column p's run of `mc` entries at mem[at + p·ld], zero-padded to a whole number of
 * MR-row panels (within `ld`).
 *
 * @example copyColumns({ data: Float64Array.of(1, 2, 3, 4), offset: 0, row: 1, col: 2 }, 0, 2, 0, 2, mem, 0, 4) // [1, 2, 0, 0, 3, 4, 0, 0]
 */
export function copyColumns(
  a: StridedMatrix,
  i0: number,
  mc: number,
  p0: number,
  kc: number,
  mem: Float64Array,
  at: number,
  ld: number,
): void {
  const { data, col } = a;
  const padded = Math.ceil(mc / MR) * MR;
  for (let p = 0, src = a.offset + i0 + p0 * col, dst = at; p < kc; p++, src += col, dst += ld) {
    if (mc >= 64) mem.set(data.subarray(src, src + mc), dst);
    else for (let i = 0; i < mc; i++) mem[dst + i] = data[src + i];
    for (let i = mc; i < padded; i++) mem[dst + i] = 0;
  }
}
