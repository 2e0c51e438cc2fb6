import { describe, expect, it } from "vitest";
import { mulberry32 } from "../plan/random.js";
import type { BatchStrides } from "./gemm.js";
import { allocate, release } from "./heap.js";
import { thinProducts } from "./thin.js";
import { expectProduct } from "./tripleLoop.testing.js";

const rand = mulberry32(91);
/** `n` random numbers, in the kernels' memory or a plain array. */
function randoms(n: number, resident: boolean): Float64Array {
  const data = (resident ? allocate(n) : null) ?? new Float64Array(n);
  for (let x = 0; x < n; x++) data[x] = 2 * rand() - 1;
  return data;
}
/** Row-major or column-major strides of a batch of r × c matrices. */
const strides = (r: number, c: number, rowMajor: boolean): BatchStrides =>
  rowMajor ? [r * c, c, 1] : [r * c, 1, r];

describe("thin products on the SIMD loops", () => {
  // every layout of the matrix (dot products or axpys), of the vectors (read in place or staged)
  // and of C (written in place or copied out), for one vector and for two in one pass
  const layouts = [true, false].flatMap((a) =>
    [true, false].flatMap((b) =>
      [true, false].flatMap((c) =>
        [true, false].map((vectorResident) => [a, b, c, vectorResident]),
      ),
    ),
  );

  it("multiply a matrix by one or two columns, or one or two rows by a matrix, as the triple loop does", () => {
    for (const [batch, m, k, n] of [
      [1, 40, 9, 1],
      [1, 40, 9, 2],
      [2, 37, 33, 2],
      [1, 5, 64, 2],
      [1, 1, 9, 40],
      [1, 2, 9, 40],
      [2, 2, 33, 37],
      [1, 2, 64, 5],
    ]) {
      // the matrix is the operand with the long side
      const matrixIsA = m > n;
      for (const [aRows, bRows, cResident, vectorResident] of layouts) {
        const [aStrides, bStrides] = [strides(m, k, aRows), strides(k, n, bRows)];
        const a = randoms(batch * m * k, matrixIsA || vectorResident);
        const b = randoms(batch * k * n, !matrixIsA || vectorResident);
        const c = (cResident ? allocate(batch * m * n) : null) ?? new Float64Array(batch * m * n);
        expect(thinProducts(a, aStrides, b, bStrides, c, batch, m, k, n)).toBe(true);
        const at = (t: number, i: number, p: number) =>
          a[t * aStrides[0] + i * aStrides[1] + p * aStrides[2]];
        const bt = (t: number, p: number, j: number) =>
          b[t * bStrides[0] + p * bStrides[1] + j * bStrides[2]];
        expectProduct(c, at, bt, batch, m, k, n);
        for (const data of [a, b, c]) release(data);
      }
    }
  });

  it("decline a matrix outside the kernels' memory", () => {
    const [m, k] = [40, 9];
    const c = new Float64Array(2 * m);
    const plain = randoms(m * k, false);
    expect(thinProducts(plain, [0, k, 1], randoms(2 * k, true), [0, 2, 1], c, 1, m, k, 2)).toBe(
      false,
    );
  });
});
