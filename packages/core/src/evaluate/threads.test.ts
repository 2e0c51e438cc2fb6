import { afterAll, describe, expect, it } from "vitest";
import { mulberry32 } from "../plan/random.js";
import { disableThreads, enableThreads } from "./threads.js";
import { productThreads, wasmMatmul } from "./wasmGemm.js";

describe("the helper thread", () => {
  afterAll(() => disableThreads());

  it("comes up and splits large products, with the same numbers as one thread", async () => {
    const rand = mulberry32(51);
    const [m, k, n] = [301, 290, 257];
    const a = Float64Array.from({ length: m * k }, () => 2 * rand() - 1);
    const b = Float64Array.from({ length: k * n }, () => 2 * rand() - 1);
    const view = (data: Float64Array, cols: number) => ({ data, offset: 0, row: cols, col: 1 });
    disableThreads();
    const alone = new Float64Array(m * n);
    wasmMatmul(view(a, k), view(b, n), alone, 0, m, k, n);
    expect(productThreads()).toBe(1);

    enableThreads();
    const started = Date.now();
    while (productThreads() < 2 && Date.now() - started < 20_000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(productThreads()).toBe(2);
    const shared = new Float64Array(m * n);
    wasmMatmul(view(a, k), view(b, n), shared, 0, m, k, n);
    // the same blocking and the same order of additions in every entry: identical bits
    expect(shared).toEqual(alone);
    let worst = 0;
    for (let i = 0; i < m; i += 7) {
      for (let j = 0; j < n; j += 5) {
        let s = 0;
        for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
        worst = Math.max(worst, Math.abs(s - shared[i * n + j]));
      }
    }
    expect(worst).toBeLessThan(1e-12);
  });
});
