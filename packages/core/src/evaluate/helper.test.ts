import { describe, expect, it } from "vitest";
import { mulberry32 } from "../plan/random.js";
import { multiplyViews } from "./elementwise.js";
import { allocate, release } from "./heap.js";
import { attachHelper, CALLS, type Helper, JOB_SLOTS, SHARE_MIN } from "./helper.js";
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
    start: (args, more) => {
      jobs.push([...args]);
      real.start(corrupt([...args]), more);
    },
  };
  return { real, helper };
}

/** The jobs of each `start`'s arguments, one after the other. */
function pieces(starts: number[][]): number[][] {
  return starts.flatMap((args) =>
    Array.from({ length: args.length / JOB_SLOTS }, (_, j) =>
      args.slice(j * JOB_SLOTS, (j + 1) * JOB_SLOTS),
    ),
  );
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
    // one hand-over: dotRows over the second half of the rows (y, M and x addresses, rows, k,
    // stride) in four pieces of ⌈250 / 4⌉ rows
    expect(jobs.length).toBe(1);
    const dot = kernel("dotRows");
    expect(pieces(jobs).map((job) => [job[0], job[4], job[5]])).toEqual([
      [dot, 63, k],
      [dot, 63, k],
      [dot, 63, k],
      [dot, 61, k],
    ]);
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
    const mul = kernel("mulBlock");
    expect(pieces(jobs).map((job) => [job[0], job[4], job[5]])).toEqual([
      [mul, 63, k],
      [mul, 63, k],
      [mul, 63, k],
      [mul, 61, k],
    ]);
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

  it("split a batch of many blocks by blocks, and each of a few blocks by rows", async () => {
    // outer products, one per entry s: out[s, i, j] = x[s, i] · y[s, j]; 400 of 24 × 24 (230 400
    // entries in all, past SHARE_MIN) are one call, 2 of 500 × 400 one call each; the helper's
    // half of each call in four pieces
    const rows = [63, 63, 63, 61].map((r) => [r, 400, 1]);
    for (const [t, d, e, want] of [
      [400, 24, 24, new Array(4).fill([24, 24, 50])],
      [2, 500, 400, [...rows, ...rows]],
    ] as const) {
      const rand = mulberry32(66 + t);
      const [x, y] = [resident(rand, t * d), resident(rand, t * e)];
      const out = allocate(t * d * e) as Float64Array;
      out.fill(Number.NaN);
      const jobs: number[][] = [];
      const { helper } = await recordingHelper(jobs);
      attachHelper(helper);
      multiplyViews([t, d, e], x, [d, 1, 0], y, [e, 0, 1], out);
      attachHelper(null);
      // the helper's parts: its rows, columns and blocks
      expect(pieces(jobs).map((job) => [job[4], job[5], job[10]])).toEqual(want);
      expect(pieces(jobs).every((job) => job[0] === kernel("mulBlock"))).toBe(true);
      let wrong = 0;
      for (let s = 0; s < t; s++) {
        for (let i = 0; i < d; i++) {
          for (let j = 0; j < e; j++) {
            if (out[(s * d + i) * e + j] !== x[s * d + i] * y[s * e + j]) wrong++;
          }
        }
      }
      expect(wrong).toBe(0);
      for (const data of [out, y, x]) release(data);
    }
  });

  it("split a Hadamard product of contiguous operands (one long row) by columns", async () => {
    const rand = mulberry32(63);
    const [a, b] = [resident(rand, m * k), resident(rand, m * k)];
    const out = allocate(m * k) as Float64Array;
    out.fill(Number.NaN);
    const jobs: number[][] = [];
    const { helper } = await recordingHelper(jobs);
    attachHelper(helper);
    multiplyViews([m, k], a, [k, 1], b, [k, 1], out);
    attachHelper(null);
    // one row of m·k entries: the helper's share is its second half of the columns, in four
    expect(pieces(jobs).map((job) => [job[0], job[4], job[5]])).toEqual(
      new Array(4).fill([kernel("mulBlock"), 1, (m * k) / 8]),
    );
    let wrong = 0;
    for (let x = 0; x < m * k; x++) if (out[x] !== a[x] * b[x]) wrong++;
    expect(wrong).toBe(0);
    for (const data of [out, b, a]) release(data);
  });

  it("split one or two rows times a matrix (read down its columns), and clear a failed helper's sums", async () => {
    for (const [rows, name] of [
      [1, "axpyRows"],
      [2, "axpyRows2"],
    ] as const) {
      const rand = mulberry32(64 + rows);
      const matrix = resident(rand, m * k); // read as its transpose: k × m, columns contiguous
      const x = resident(rand, rows * m);
      const product = () => {
        const y = new Float64Array(rows * k);
        expect(thinProducts(x, [0, m, 1], matrix, [0, k, 1], y, 1, rows, m, k)).toBe(true);
        return y;
      };
      const jobs: number[][] = [];
      // the helper adds all its axpys into y, then runs on past the matrix and memory and traps
      // (its count of rows, argument 4, made huge)
      const { real, helper } = await recordingHelper(jobs, (job) =>
        job.map((x, i) => (i === 4 ? 2 ** 30 : x)),
      );
      attachHelper(helper);
      const y = product();
      attachHelper(null);
      // both rows in one pass over the matrix: one hand-over, on the second half of its
      // columns in four pieces
      expect(jobs.length).toBe(1);
      expect(pieces(jobs).map((job) => [job[0], job[5]])).toEqual(
        new Array(4).fill([kernel(name), k / 8]),
      );
      expect(real.ready()).toBe(false);
      for (let v = 0; v < rows; v++) {
        for (let j = 0; j < k; j++) {
          let s = 0;
          for (let i = 0; i < m; i++) s += x[v * m + i] * matrix[i * k + j];
          expect(Math.abs(s - y[v * k + j])).toBeLessThan(1e-12);
        }
      }
      const working = await recordingHelper(jobs);
      attachHelper(working.helper);
      expect(product()).toEqual(y);
      attachHelper(null);
      expect(jobs.length).toBe(2);
      for (const data of [x, matrix]) release(data);
    }
  });
});
