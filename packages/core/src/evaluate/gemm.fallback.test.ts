/**
 * The JavaScript kernels where WebAssembly SIMD is missing (older browsers): with the kernels
 * reported unavailable, large, small and strided products still agree with the triple loop.
 */
import { describe, it, vi } from "vitest";
import { mulberry32 } from "../plan/random.js";
import { batchedMatmul } from "./gemm.js";
import { expectProduct } from "./tripleLoop.testing.js";

vi.mock("./wasmRuntime.js", async (original) => ({
  ...(await original<typeof import("./wasmRuntime.js")>()),
  runtime: () => null,
}));

describe("batchedMatmul without WebAssembly SIMD", () => {
  it("agrees with the triple loop through the blocked and the small kernels", () => {
    const rand = mulberry32(33);
    // [batch, m, k, n], A stored [k, batch, m] (transposed) or row-major
    for (const [batch, m, k, n, transposed] of [
      [1, 70, 300, 40, 0],
      [2, 33, 17, 280, 1],
      [3, 5, 7, 3, 1],
      [2, 9, 40, 1, 0],
    ]) {
      const a = Float64Array.from({ length: batch * m * k }, () => 2 * rand() - 1);
      const b = Float64Array.from({ length: batch * k * n }, () => 2 * rand() - 1);
      const aStrides = transposed ? ([m, 1, batch * m] as const) : ([m * k, k, 1] as const);
      const c = batchedMatmul(a, b, batch, m, k, n, aStrides);
      const at = (t: number, i: number, p: number) =>
        a[t * aStrides[0] + i * aStrides[1] + p * aStrides[2]];
      const bt = (t: number, p: number, j: number) => b[(t * k + p) * n + j];
      expectProduct(c, at, bt, batch, m, k, n);
    }
  });
});
