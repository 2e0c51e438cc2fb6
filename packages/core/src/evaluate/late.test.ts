/**
 * A helper thread the scheduler runs late (`makeHelper(lateBy)` sleeps before each claim) changes
 * nothing in the numbers: whichever thread runs a piece of a product, each entry of C is summed
 * by the same kernel call in the same order, so every result equals one thread's bit for bit, and
 * is checked against a plain loop; and this thread never waits for a helper that does not run.
 */
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../plan/random.js";
import { allocate } from "./heap.js";
import { attachHelper, type Helper } from "./helper.js";
import { thinProducts } from "./thin.js";
import { isLate, makeHelper } from "./threads.js";
import { wasmBatch, wasmMatmul } from "./wasmGemm.js";

/** A helper late by `lateBy` ms at each claim and `slowBy` ms after it, once its worker is up. */
async function lateHelper(lateBy: number, slowBy = 0, backOff = false): Promise<Helper> {
  const helper = makeHelper({ lateBy, slowBy, backOff });
  const started = Date.now();
  while (!helper.ready() && Date.now() - started < 20_000) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(helper.ready()).toBe(true);
  return helper;
}

/** Random numbers, in the kernels' memory when `resident` (to release after). */
function random(rand: () => number, n: number, resident: boolean): Float64Array {
  const data = (resident ? allocate(n) : null) ?? new Float64Array(n);
  for (let x = 0; x < n; x++) data[x] = 2 * rand() - 1;
  return data;
}

/** Products that split with the helper in each of its ways, each into a fresh result. */
function products(rand: () => number) {
  const cases: { name: string; run: () => Float64Array; check: (c: Float64Array) => number }[] = [];
  const view = (data: Float64Array, offset: number, row: number, col: number) => ({
    data,
    offset,
    row,
    col,
  });
  // by A's rows; by B's panels (few rows); blocks of k that add into C; B in the kernels' memory
  // (the helper packs its own panels)
  for (const [m, k, n, resident] of [
    [300, 280, 260, false],
    [14, 300, 2100, false],
    [200, 600, 130, false],
    [14, 300, 2198, true],
  ] as const) {
    const [a, b] = [random(rand, m * k, resident), random(rand, k * n, resident)];
    cases.push({
      name: `${m} × ${k} × ${n}${resident ? " (resident)" : ""}`,
      run: () => {
        const c = new Float64Array(m * n);
        wasmMatmul(view(a, 0, k, 1), view(b, 0, n, 1), c, 0, m, k, n);
        return c;
      },
      check: (c) => {
        let worst = 0;
        for (let i = 0; i < m; i += 7) {
          for (let j = 0; j < n; j += 13) {
            let s = 0;
            for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
            worst = Math.max(worst, Math.abs(s - c[i * n + j]));
          }
        }
        return worst;
      },
    });
  }
  // a batch of small products (whole entries on the helper)
  const [t, m, k, n] = [16, 64, 64, 64];
  const [a, b] = [random(rand, t * m * k, false), random(rand, t * k * n, false)];
  cases.push({
    name: "a batch of 16 × 64³",
    run: () => {
      const c = new Float64Array(t * m * n);
      const entry = (u: number) => [view(a, u * m * k, k, 1), view(b, u * k * n, n, 1)] as const;
      expect(wasmBatch(entry, c, t, m, k, n)).toBe(true);
      return c;
    },
    check: (c) => {
      let worst = 0;
      for (let u = 0; u < t; u += 3) {
        for (let x = 0; x < m * n; x += 17) {
          const [i, j] = [Math.floor(x / n), x % n];
          let s = 0;
          for (let p = 0; p < k; p++) s += a[u * m * k + i * k + p] * b[u * k * n + p * n + j];
          worst = Math.max(worst, Math.abs(s - c[u * m * n + x]));
        }
      }
      return worst;
    },
  });
  // a memory-bound matrix–vector product (rows shared, in pieces)
  const [rows, cols] = [500, 400];
  const matrix = random(rand, rows * cols, true);
  const x = random(rand, cols, true);
  cases.push({
    name: "matrix–vector 500 × 400",
    run: () => {
      const y = new Float64Array(rows);
      expect(thinProducts(matrix, [0, cols, 1], x, [0, 1, 0], y, 1, rows, cols, 1)).toBe(true);
      return y;
    },
    check: (y) => {
      let worst = 0;
      for (let i = 0; i < rows; i++) {
        let s = 0;
        for (let p = 0; p < cols; p++) s += matrix[i * cols + p] * x[p];
        worst = Math.max(worst, Math.abs(s - y[i]));
      }
      return worst;
    },
  });
  return cases;
}

describe("a helper thread that runs late", () => {
  const cases = products(mulberry32(91));
  attachHelper(null);
  const alone = cases.map((c) => c.run());

  it("gives one thread's numbers, bit for bit, however late it claims its pieces", async () => {
    for (const [x, c] of cases.entries()) expect(c.check(alone[x]), c.name).toBeLessThan(1e-12);
    // on time; late to claim; slow once it has claimed (this thread must wait for that piece)
    for (const [lateBy, slowBy] of [
      [0, 0],
      [0.05, 0],
      [1, 0],
      [0, 1],
    ]) {
      attachHelper(await lateHelper(lateBy, slowBy));
      for (let round = 0; round < 2; round++) {
        for (const [x, c] of cases.entries()) {
          expect(c.run(), `${c.name}, late by ${lateBy} ms, slow by ${slowBy}`).toEqual(alone[x]);
        }
      }
      attachHelper(null);
    }
  });

  it("never waits for a helper that does not run: this thread runs its pieces", async () => {
    const asleep = await lateHelper(600_000);
    attachHelper(asleep);
    const started = performance.now();
    for (const [x, c] of cases.entries()) expect(c.run(), c.name).toEqual(alone[x]);
    // (alone, all of them take well under a second here; the helper sleeps for 10 minutes)
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(asleep.ready()).toBe(true);
    attachHelper(null);
  });

  it("rests, when it backs off, after it kept this thread waiting", async () => {
    // 0.3 ms of waiting after 0.4 ms of work is late; 0.1 after 1, or 15 µs after 10 µs, is not
    expect([isLate(0.4, 0.3), isLate(1, 0.1), isLate(0.01, 0.015)]).toEqual([true, false, false]);
    // a helper that claims a piece, then stops for 300 ms: this thread's share (a few ms) is
    // followed by a long wait, and the helper is not ready for the next 1 ms
    const slow = await lateHelper(0, 300, true);
    attachHelper(slow);
    const [product] = cases;
    // (on a busy machine the helper may not be run before this thread has taken every piece;
    // then nothing was waited for, and the product is tried again)
    // The rest lasts 1 ms, so whether it rests is read only when this thread got to ask within
    // 0.5 ms of the product's end (a loaded machine can stall a thread for longer than the rest).
    let waited = false;
    let asked = 0;
    let resting = 0;
    for (let attempt = 0; attempt < 40 && asked < 1; attempt++) {
      const started = performance.now();
      const c = product.run();
      const ended = performance.now();
      const ready = slow.ready();
      expect(c).toEqual(alone[0]);
      if (ended - started < 250) continue;
      waited = true;
      if (performance.now() - ended > 0.5) continue;
      asked++;
      if (!ready) resting++;
    }
    expect(waited).toBe(true);
    expect(resting).toBe(asked);
    attachHelper(null);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(slow.ready()).toBe(true);
  });
});
