import { describe, expect, it } from "vitest";
import { mulberry32 } from "../plan/random.js";
import { address, allocate, release } from "./heap.js";
import { runtime } from "./wasmRuntime.js";

const rand = mulberry32(77);
/** An array in the kernels' memory holding `values`. */
function resident(values: ArrayLike<number>): Float64Array {
  const a = allocate(values.length + 1) as Float64Array; // never empty
  a.set(values);
  return a.subarray(0, values.length);
}
const randoms = (n: number) => Float64Array.from({ length: n }, () => 2 * rand() - 1);
const kernels = () => {
  const k = runtime()?.vector;
  if (k === undefined) throw new Error("no WebAssembly SIMD here");
  return k;
};
// counts around the unrolling (4 per trip for runs, 8 for dot products) and their leftovers
const counts = [0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 33];

describe("the memory-bound SIMD kernels", () => {
  it("multiply batches of strided blocks entry by entry: products, scalings and any other strides", () => {
    // (aCol, bCol) in entries: both contiguous, b constant along rows, and general strides
    for (const [aCol, bCol] of [
      [1, 1],
      [1, 0],
      [2, 3],
      [0, 2],
    ]) {
      for (const cols of counts) {
        for (const count of [0, 1, 3]) {
          const rows = 3;
          const [aRow, bRow] = [aCol * cols + 1, bCol * cols + 2];
          // b's blocks lie apart, a's overlap (a batch stride below a block's extent)
          const [aBatch, bBatch] = [aRow, rows * bRow + 5];
          const [a, b] = [
            resident(randoms((count + 1) * rows * aRow + 1)),
            resident(randoms((count + 1) * bBatch + 1)),
          ];
          const dst = resident(new Float64Array(count * rows * cols + 1).fill(7));
          const args = [rows, cols, 8 * aRow, 8 * bRow, 8 * aCol, 8 * bCol] as const;
          const batch = [count, 8 * aBatch, 8 * bBatch] as const;
          kernels().mulBlock(address(dst), address(a), address(b), ...args, ...batch);
          const want = Array.from({ length: count * rows * cols }, (_, x) => {
            const [k, r, j] = [
              Math.floor(x / (rows * cols)),
              Math.floor(x / cols) % rows,
              x % cols,
            ];
            return a[k * aBatch + r * aRow + j * aCol] * b[k * bBatch + r * bRow + j * bCol];
          });
          expect([...dst]).toEqual([...want, 7]);
          for (const x of [a, b, dst]) release(x);
        }
      }
    }
  });

  it("take dot products along rows and add scaled rows, with a row stride", () => {
    for (const k of counts) {
      for (const m of [1, 3, 8, 9]) {
        const lda = Math.max(k, m) + 2;
        const [a, x] = [resident(randoms(m * lda)), resident(randoms(k))];
        const y = resident(new Float64Array(m + 1).fill(7));
        kernels().dotRows(address(y), address(a), address(x), m, k, 8 * lda);
        for (let i = 0; i < m; i++) {
          let want = 0;
          for (let p = 0; p < k; p++) want += a[i * lda + p] * x[p];
          expect(y[i]).toBeCloseTo(want, 13);
        }
        expect(y[m]).toBe(7);
        // y += Σ_p x[p] · row p of a (rows of length m, lda apart), for the k rows
        const rows = resident(randoms(k * lda));
        const z = resident(new Float64Array(m + 1).fill(0.5));
        kernels().axpyRows(address(z), address(x), address(rows), k, m, 8 * lda);
        for (let j = 0; j < m; j++) {
          let want = 0.5;
          for (let p = 0; p < k; p++) want += x[p] * rows[p * lda + j];
          expect(z[j]).toBeCloseTo(want, 13);
        }
        expect(z[m]).toBe(0.5);
        for (const t of [a, x, y, rows, z]) release(t);
      }
    }
  });

  it("take two vectors' dot products and scaled rows in one pass, each vector's own", () => {
    for (const k of counts) {
      for (const m of [1, 3, 8, 9]) {
        const lda = Math.max(k, m) + 2;
        // the second vector's x and y lie a gap after the first's, with a sentinel between
        const [a, x] = [resident(randoms(m * lda)), resident(randoms(2 * k + 1))];
        const y = resident(new Float64Array(2 * m + 2).fill(7));
        const [xGap, yGap] = [8 * (k + 1), 8 * (m + 1)];
        kernels().dotRows2(address(y), address(a), address(x), m, k, 8 * lda, yGap, xGap);
        for (const v of [0, 1]) {
          for (let i = 0; i < m; i++) {
            let want = 0;
            for (let p = 0; p < k; p++) want += a[i * lda + p] * x[v * (k + 1) + p];
            expect(y[v * (m + 1) + i]).toBeCloseTo(want, 13);
          }
        }
        expect([y[m], y[2 * m + 1]]).toEqual([7, 7]);
        const rows = resident(randoms(k * lda));
        const z = resident(new Float64Array(2 * m + 2).fill(0.5));
        kernels().axpyRows2(address(z), address(x), address(rows), k, m, 8 * lda, yGap, xGap);
        for (const v of [0, 1]) {
          for (let j = 0; j < m; j++) {
            let want = 0.5;
            for (let p = 0; p < k; p++) want += x[v * (k + 1) + p] * rows[p * lda + j];
            expect(z[v * (m + 1) + j]).toBeCloseTo(want, 13);
          }
        }
        expect([z[m], z[2 * m + 1]]).toEqual([0.5, 0.5]);
        for (const t of [a, x, y, rows, z]) release(t);
      }
    }
  });
});
