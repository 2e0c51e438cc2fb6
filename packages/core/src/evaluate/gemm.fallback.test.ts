/**
 * The JavaScript kernels where WebAssembly SIMD is missing (older browsers): with the kernel
 * reported unavailable, large, small and strided products still agree with the triple loop.
 */
import { describe, expect, it, vi } from "vitest";
import { mulberry32 } from "../plan/random.js";
import { batchedMatmul } from "./gemm.js";

vi.mock("./wasmGemm.js", () => ({ wasmAvailable: () => false, wasmMatmul: () => false }));

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
      for (let t = 0; t < batch; t++) {
        for (let i = 0; i < m; i++) {
          for (let j = 0; j < n; j++) {
            let want = 0;
            let scale = 0;
            for (let p = 0; p < k; p++) {
              const x = at(t, i, p) * b[(t * k + p) * n + j];
              want += x;
              scale += Math.abs(x);
            }
            expect(Math.abs(c[(t * m + i) * n + j] - want)).toBeLessThanOrEqual(1e-13 * scale);
          }
        }
      }
    }
  });
});
