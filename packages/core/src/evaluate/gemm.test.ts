import { describe, expect, it } from "vitest";
import { mulberry32 } from "../plan/random.js";
import { batchedMatmul } from "./gemm.js";
import { expectProduct } from "./tripleLoop.testing.js";

describe("batchedMatmul", () => {
  it("agrees with the textbook triple loop on small, ragged and blocked sizes", () => {
    const rand = mulberry32(31);
    const cases = [
      [1, 1, 1, 1],
      [3, 2, 5, 1],
      [2, 1, 7, 3],
      [1, 0, 4, 3],
      [2, 3, 0, 4],
      [2, 17, 19, 23],
      [1, 16, 16, 16],
      [2, 33, 257, 263],
      [1, 5, 600, 21],
    ];
    for (const [batch, m, k, n] of cases) {
      const a = Float64Array.from({ length: batch * m * k }, () => 2 * rand() - 1);
      const b = Float64Array.from({ length: batch * k * n }, () => 2 * rand() - 1);
      const c = batchedMatmul(a, b, batch, m, k, n);
      const at = (t: number, i: number, p: number) => a[(t * m + i) * k + p];
      const bt = (t: number, p: number, j: number) => b[(t * k + p) * n + j];
      expectProduct(c, at, bt, batch, m, k, n);
    }
  });

  it("reads operands through batch, row and column strides", () => {
    const rand = mulberry32(32);
    // [batch, m, k] stored as [k, batch, m] and [batch, k, n] stored as [n, k, batch]; with one
    // batch entry a vector side meets a matrix read along its columns
    for (const [batch, m, k, n] of [
      [3, 1, 1, 1],
      [2, 5, 1, 1],
      [1, 1, 9, 5],
      [1, 6, 9, 1],
      [4, 3, 6, 1],
      [2, 7, 5, 3],
      [2, 20, 17, 18],
      [2, 40, 70, 30],
    ]) {
      const a = Float64Array.from({ length: batch * m * k }, () => 2 * rand() - 1);
      const b = Float64Array.from({ length: batch * k * n }, () => 2 * rand() - 1);
      const c = batchedMatmul(a, b, batch, m, k, n, [m, 1, batch * m], [1, batch, batch * k]);
      const at = (t: number, i: number, p: number) => a[p * batch * m + t * m + i];
      const bt = (t: number, p: number, j: number) => b[j * k * batch + p * batch + t];
      expectProduct(c, at, bt, batch, m, k, n);
    }
  });

  it("propagates NaN and infinities like the plain sum", () => {
    const c = batchedMatmul(Float64Array.of(0, 1), Float64Array.of(Infinity, 2), 1, 1, 2, 1);
    expect(c[0]).toBeNaN();
  });

  it("rejects operands whose lengths or strides do not fit", () => {
    expect(() => batchedMatmul(new Float64Array(1), new Float64Array(2), 1, 1, 2, 1)).toThrow(
      /do not fit/,
    );
    const four = new Float64Array(4);
    expect(() => batchedMatmul(four, four, 1, 2, 2, 1, [0, 1, 3])).toThrow(/do not fit/);
  });
});
