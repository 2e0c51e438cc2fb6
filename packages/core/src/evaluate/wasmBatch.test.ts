import { afterAll, describe, expect, it, vi } from "vitest";
import { mulberry32 } from "../plan/random.js";
import { disableThreads, makeHelper } from "./threads.js";
import { attachHelper, wasmBatch } from "./wasmGemm.js";

// the kernels' memory running out at one chosen reservation (counted from `reserves.calls` = 0)
const reserves = vi.hoisted(() => ({ calls: 0, failAt: -1 }));
vi.mock("./heap.js", async (original) => {
  const real = await original<typeof import("./heap.js")>();
  return {
    ...real,
    reserve: (bytes: number) => (++reserves.calls === reserves.failAt ? -1 : real.reserve(bytes)),
  };
});

describe("a batch shared with the helper", () => {
  afterAll(() => disableThreads());

  it("finishes this thread's entries one by one when they do not fit beside the helper's", async () => {
    const rand = mulberry32(57);
    // 9 entries of 100 × 70 × 80: 4 for the helper in one job, 4 here, then the last one
    const [t, m, k, n] = [9, 100, 70, 80];
    const a = Float64Array.from({ length: t * m * k }, () => 2 * rand() - 1);
    const b = Float64Array.from({ length: t * k * n }, () => 2 * rand() - 1);
    const entry = (u: number) =>
      [
        { data: a, offset: u * m * k, row: k, col: 1 },
        { data: b, offset: u * k * n, row: n, col: 1 },
      ] as const;
    const batch = () => {
      const c = new Float64Array(t * m * n);
      expect(wasmBatch(entry, c, t, m, k, n)).toBe(true);
      return c;
    };
    disableThreads();
    const alone = batch();
    const real = makeHelper();
    const started = Date.now();
    while (!real.ready() && Date.now() - started < 20_000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const jobs: number[] = [];
    attachHelper({
      ready: () => real.ready(),
      start: (args) => {
        jobs.push(args.length / 13);
        real.start(args);
      },
      wait: () => real.wait(),
    });
    // the helper's four scratch blocks fit, this thread's first product does not
    Object.assign(reserves, { calls: 0, failAt: 5 });
    const shared = batch();
    attachHelper(null);
    Object.assign(reserves, { failAt: -1 });
    expect(jobs).toEqual([4]);
    expect(reserves.calls).toBeGreaterThan(5); // the entries went on after the failed reservation
    expect(shared).toEqual(alone);
    let worst = 0;
    for (let u = 0; u < t; u++) {
      for (let x = 0; x < m * n; x += 17) {
        const [i, j] = [Math.floor(x / n), x % n];
        let s = 0;
        for (let p = 0; p < k; p++) s += a[u * m * k + i * k + p] * b[u * k * n + p * n + j];
        worst = Math.max(worst, Math.abs(s - shared[u * m * n + x]));
      }
    }
    expect(worst).toBeLessThan(1e-12);
  });
});
