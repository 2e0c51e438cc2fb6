import { describe, expect, it } from "vitest";
import { mulberry32 } from "../plan/random.js";
import { multiplyViews } from "./elementwise.js";
import { allocate, release } from "./heap.js";
import { attachHelper, CALLS, type Helper, SHARE_MIN } from "./helper.js";
import { KERNELS } from "./simdKernel.js";
import { thinProducts } from "./thin.js";
import { makeHelper } from "./threads.js";

/** A helper of its own, once its worker is up (or after 20 s), recording the jobs it is given. */
async function recordingHelper(jobs: number[][], corrupt = (job: number[]) => job) {
  const real = makeHelper();
  const started = Date.now();
  while (!real.ready() && Date.now() - started < 20_000) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const helper: Helper = {
    ...real,
    start: (args) => {
      jobs.push([...args]);
      real.start(corrupt([...args]));
    },
  };
  return { real, helper };
}

/** `n` random numbers in the kernels' memory. */
function resident(rand: () => number, n: number): Float64Array {
  const data = allocate(n) as Float64Array;
  for (let k = 0; k < n; k++) data[k] = 2 * rand() - 1;
  return data;
}

/** y = M x for a row-major m × k matrix M in the kernels' memory, on the SIMD loops. */
function matrixVector(matrix: Float64Array, x: Float64Array, m: number, k: number) {
  const y = new Float64Array(m);
  expect(thinProducts(matrix, [0, k, 1], x, [0, 1, 0], y, 1, m, k, 1)).toBe(true);
  return y;
}

describe("memory-bound steps shared with the helper thread", () => {
  const [m, k] = [500, 400]; // 200 000 entries of the matrix: past SHARE_MIN
  const kernel = (name: (typeof CALLS)[number]) => KERNELS.length + CALLS.indexOf(name);

  it("split a large matrix–vector product's rows, with a plain loop's numbers", async () => {
    expect(m * k).toBeGreaterThanOrEqual(SHARE_MIN);
    const rand = mulberry32(61);
    const matrix = resident(rand, m * k);
    const x = resident(rand, k);
    const alone = matrixVector(matrix, x, m, k);
    const jobs: number[][] = [];
    const { helper } = await recordingHelper(jobs);
    attachHelper(helper);
    const shared = matrixVector(matrix, x, m, k);
    attachHelper(null);
    // one job: dotRows over the second half of the rows (y, M and x addresses, rows, k, stride)
    expect(jobs.map((job) => [job[0], job[4], job[5]])).toEqual([[kernel("dotRows"), 250, k]]);
    expect(shared).toEqual(alone);
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += matrix[i * k + p] * x[p];
      expect(Math.abs(s - shared[i])).toBeLessThan(1e-12);
    }
    // a small product stays here
    matrixVector(matrix, x, 100, 100);
    expect(jobs.length).toBe(1);
    release(x);
    release(matrix);
  });

  it("split a large elementwise product's rows, and redo the half of a failed helper", async () => {
    const rand = mulberry32(62);
    const a = resident(rand, m * k);
    const v = resident(rand, k); // a row vector scaling A's rows: a stride of 0 down the rows
    const out = allocate(m * k) as Float64Array;
    const product = () => {
      out.fill(Number.NaN);
      multiplyViews([m, k], a, [k, 1], v, [0, 1], out);
      return Float64Array.from(out);
    };
    const jobs: number[][] = [];
    // the helper's destination (argument 1 of mulBlock) moved far outside the memory: it traps
    const { real, helper } = await recordingHelper(jobs, (job) =>
      job.map((x, i) => (i === 1 ? 2 ** 31 - 8 : x)),
    );
    attachHelper(helper);
    const redone = product();
    attachHelper(null);
    expect(jobs.map((job) => [job[0], job[4], job[5]])).toEqual([[kernel("mulBlock"), 250, k]]);
    expect(real.ready()).toBe(false); // a failed helper is left aside
    let wrong = 0;
    for (let i = 0; i < m; i++) {
      for (let p = 0; p < k; p++) if (redone[i * k + p] !== a[i * k + p] * v[p]) wrong++;
    }
    expect(wrong).toBe(0);
    const working = await recordingHelper(jobs);
    attachHelper(working.helper);
    expect(product()).toEqual(redone);
    attachHelper(null);
    expect(jobs.length).toBe(2);
    for (const data of [out, v, a]) release(data);
  });
});
