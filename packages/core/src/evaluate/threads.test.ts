import { afterAll, describe, expect, it, vi } from "vitest";
import { mulberry32 } from "../plan/random.js";
import { SPLIT_MIN } from "./blocked.js";
import { address, allocate, heap, release } from "./heap.js";
import { attachHelper, CALLS, callJob, type Helper, JOB_SLOTS, productThreads } from "./helper.js";
import { KERNELS } from "./simdKernel.js";
import { disableThreads, enableThreads, makeHelper } from "./threads.js";
import { BATCH_SPLIT_MIN, wasmBatch, wasmMatmul } from "./wasmGemm.js";

// the kernels' memory running out at one chosen reservation (counted from `reserves.calls` = 0);
// every other reservation is the real one
const reserves = vi.hoisted(() => ({ calls: 0, failAt: -1 }));
vi.mock("./heap.js", async (original) => {
  const real = await original<typeof import("./heap.js")>();
  return {
    ...real,
    reserve: (bytes: number) => (++reserves.calls === reserves.failAt ? -1 : real.reserve(bytes)),
  };
});

/** A helper of its own, once its worker is up (or after 20 s). */
async function readyHelper() {
  const real = makeHelper();
  const started = Date.now();
  while (!real.ready() && Date.now() - started < 20_000) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return real;
}

/**
 * Random row-major A (m × k) and B (k × n), plain or in the kernels' memory (to release after),
 * and their product into a fresh C on each call.
 */
function rowMajorProduct(rand: () => number, m: number, k: number, n: number, resident = false) {
  const array = (size: number) => (resident ? allocate(size) : null) ?? new Float64Array(size);
  const [a, b] = [array(m * k), array(k * n)];
  for (const x of [a, b]) for (let i = 0; i < x.length; i++) x[i] = 2 * rand() - 1;
  const product = () => {
    const c = new Float64Array(m * n);
    const view = (data: Float64Array, cols: number) => ({ data, offset: 0, row: cols, col: 1 });
    wasmMatmul(view(a, k), view(b, n), c, 0, m, k, n);
    return c;
  };
  return { a, b, product };
}

/** NaN over the free memory the next products' packs will use: a pack left out then shows. */
function poisonScratch() {
  const junk = allocate(1 << 20) as Float64Array;
  junk.fill(Number.NaN);
  release(junk);
}

/** Expects every 37th column of C = A·B (row-major) within 1e-12 of a plain loop. */
function expectClose(
  a: Float64Array,
  b: Float64Array,
  c: Float64Array,
  m: number,
  k: number,
  n: number,
) {
  let worst = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j += 37) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
      worst = Math.max(worst, Math.abs(s - c[i * n + j]));
    }
  }
  expect(worst).toBeLessThan(1e-12);
}

/**
 * A batch of `t` random products m × k × n (each B stored transposed), computed by `wasmBatch`
 * into a fresh C on each call, and the largest error of a C against a plain loop.
 */
function randomBatch(rand: () => number, t: number, m: number, k: number, n: number) {
  const a = Float64Array.from({ length: t * m * k }, () => 2 * rand() - 1);
  const b = Float64Array.from({ length: t * k * n }, () => 2 * rand() - 1);
  const entry = (u: number) =>
    [
      { data: a, offset: u * m * k, row: k, col: 1 },
      { data: b, offset: u * k * n, row: 1, col: k },
    ] as const;
  const batch = () => {
    const c = new Float64Array(t * m * n);
    expect(wasmBatch(entry, c, t, m, k, n)).toBe(true);
    return c;
  };
  const naive = (u: number, i: number, j: number) => {
    let s = 0;
    for (let p = 0; p < k; p++) s += a[u * m * k + i * k + p] * b[u * k * n + j * k + p];
    return s;
  };
  /** The largest error of every `step`-th entry of each product in `c`, against the plain loop. */
  const worst = (c: Float64Array, step: number) => {
    let w = 0;
    for (let u = 0; u < t; u++) {
      for (let x = 0; x < m * n; x += step) {
        const [i, j] = [Math.floor(x / n), x % n];
        w = Math.max(w, Math.abs(naive(u, i, j) - c[u * m * n + x]));
      }
    }
    return w;
  };
  return { batch, worst };
}

/** `randomBatch`'s batch computed on this thread alone, and a helper of its own, up. */
async function batchAndHelper(rand: () => number, t: number, m: number, k: number, n: number) {
  const { batch, worst } = randomBatch(rand, t, m, k, n);
  disableThreads();
  const alone = batch();
  return { batch, worst, alone, real: await readyHelper() };
}

/** `real`, recording the arguments of each `start`. */
function recording(real: Helper, starts: (readonly number[])[]): Helper {
  return {
    ...real,
    start: (args, more) => {
      starts.push([...args]);
      real.start(args, more);
    },
  };
}

/** `real`, recording how many kernel calls each job it is handed holds. */
function counting(real: Helper, jobs: number[]): Helper {
  return {
    ...real,
    start: (args, more) => {
      jobs.push(args.length / JOB_SLOTS);
      real.start(args, more);
    },
  };
}

describe("the helper thread", () => {
  afterAll(() => disableThreads());

  it("comes up and splits large products, with the same numbers as one thread", async () => {
    const rand = mulberry32(51);
    // packed panels (n large), copied rows and copied columns of A (n ≤ 32), and rows read where
    // they lie in the kernels' memory (n ≤ 128)
    const cases = [
      { m: 301, k: 290, n: 257, transposed: false, resident: false },
      { m: 1200, k: 300, n: 30, transposed: false, resident: false },
      { m: 1200, k: 300, n: 30, transposed: true, resident: false },
      { m: 301, k: 290, n: 101, transposed: false, resident: true },
    ];
    const products = cases.map(({ m, k, n, transposed, resident }) => {
      const values = Float64Array.from({ length: m * k }, () => 2 * rand() - 1); // Aᵀ when transposed
      const home = resident ? allocate(m * k) : null;
      home?.set(values);
      const a = home ?? values;
      expect(address(a) >= 0).toBe(resident);
      const b = Float64Array.from({ length: k * n }, () => 2 * rand() - 1);
      const view = transposed
        ? { data: a, offset: 0, row: 1, col: m }
        : { data: a, offset: 0, row: k, col: 1 };
      const run = () => {
        const c = new Float64Array(m * n);
        wasmMatmul(view, { data: b, offset: 0, row: n, col: 1 }, c, 0, m, k, n);
        return c;
      };
      const at = (i: number, p: number) => (transposed ? a[p * m + i] : a[i * k + p]);
      return { m, k, n, a, b, run, at };
    });
    disableThreads();
    const alone = products.map((p) => p.run());
    expect(productThreads()).toBe(1);

    enableThreads();
    const started = Date.now();
    while (productThreads() < 2 && Date.now() - started < 20_000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(productThreads()).toBe(2);
    for (const [x, { m, k, n, b, run, at }] of products.entries()) {
      const shared = run();
      // the same blocking and the same order of additions in every entry: identical bits
      expect(shared).toEqual(alone[x]);
      let worst = 0;
      for (let i = 0; i < m; i += 7) {
        for (let j = 0; j < n; j += 5) {
          let s = 0;
          for (let p = 0; p < k; p++) s += at(i, p) * b[p * n + j];
          worst = Math.max(worst, Math.abs(s - shared[i * n + j]));
        }
      }
      expect(worst).toBeLessThan(1e-12);
    }
    for (const { a } of products) release(a);
  });

  it("keeps up when the memory grows between products, and reads A in place with it", async () => {
    const rand = mulberry32(53);
    const [m, k, n] = [1200, 300, 30]; // blocks large enough to split
    const values = Float64Array.from({ length: m * k }, () => 2 * rand() - 1);
    const b = Float64Array.from({ length: k * n }, () => 2 * rand() - 1);
    const product = (a: Float64Array, offset: number) => {
      const c = new Float64Array(m * n);
      const view = { data: a, offset, row: k, col: 1 }; // in the kernels' memory: read in place
      wasmMatmul(view, { data: b, offset: 0, row: n, col: 1 }, c, 0, m, k, n);
      return c;
    };
    const low = allocate(m * k) as Float64Array;
    low.set(values);
    disableThreads();
    const alone = product(low, 0);
    // a helper that counts its jobs and the ones it failed
    const real = makeHelper();
    const count = { jobs: 0, failed: 0 };
    attachHelper({
      ...real,
      start: (args, more) => {
        count.jobs++;
        real.start(args, more);
      },
      wait: () => {
        const done = real.wait();
        if (!done) count.failed++;
        return done;
      },
    });
    const started = Date.now();
    while (!real.ready() && Date.now() - started < 20_000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(product(low, 0)).toEqual(alone);
    expect(count.jobs).toBeGreaterThan(0);
    // more than all the memory: it grows, and A now lies beyond its old end
    const before = heap().length;
    const high = allocate(before + m * k) as Float64Array;
    high.set(values, before);
    const jobs = count.jobs;
    expect(product(high, before)).toEqual(alone);
    expect(count.jobs).toBeGreaterThan(jobs);
    expect(count.failed).toBe(0); // the helper did its halves: it saw the grown memory
    attachHelper(null);
    release(high);
    release(low);
  });

  it("splits a wide product with few rows along B's panels, with the same numbers", async () => {
    const rand = mulberry32(54);
    // 4 row panels (the last one partial) against 512 column panels in the first block
    const [m, k, n] = [14, 300, 2100];
    const { a, b, product } = rowMajorProduct(rand, m, k, n);
    disableThreads();
    const alone = product();
    const real = await readyHelper();
    const jobs: (readonly number[])[] = [];
    attachHelper(recording(real, jobs));
    const shared = product();
    attachHelper(null);
    expect(shared).toEqual(alone);
    // the helper took all four row panels (from, to) and half of the 512 column panels, in 16
    // pieces of 16 (a piece of 16 panels: 4 · 16 columns × 256 steps × 14 rows, 229 376
    // multiply–adds, past PIECE_MIN = 65 536; 16 is the most pieces)
    expect(jobs.length).toBeGreaterThan(0);
    const [first] = jobs;
    expect(
      Array.from({ length: first.length / JOB_SLOTS }, (_, j) =>
        [9, 11, 12].map((x) => first[j * JOB_SLOTS + x]),
      ),
    ).toEqual(new Array(16).fill([16, 0, 4]));
    expectClose(a, b, shared, m, k, n);
  });

  it("lets the helper pack its own half of B when B lives in the kernels' memory", async () => {
    const rand = mulberry32(57);
    // two column blocks: 2048 columns (512 panels), then 150 (37 whole panels and a partial one)
    const [m, k, n] = [14, 300, 2198];
    const { a, b, product } = rowMajorProduct(rand, m, k, n, true);
    disableThreads();
    const alone = product();
    poisonScratch();
    const real = await readyHelper();
    const starts: (readonly number[])[] = [];
    attachHelper(recording(real, starts));
    const shared = product();
    attachHelper(null);
    expect(shared).toEqual(alone);
    // each split block: one packer call (B's rows are contiguous: whole panels side by side) for
    // the helper's whole panels of B, then its kernel call on them (first block of k: kernel 1,
    // which stores C; later ones: kernel 0, which adds); the last block's half of B, 18 panels
    // of 44 steps, is too small to hand over, and this thread packs it (the helper's kernel call
    // is then one piece: 18 · 4 columns × 44 steps × 14 rows is less than two PIECE_MIN)
    const jobIds = (args: readonly number[]) =>
      Array.from({ length: args.length / JOB_SLOTS }, (_, j) => args[j * JOB_SLOTS]);
    const packSide = KERNELS.length + CALLS.indexOf("packSide");
    expect(starts.map(jobIds)).toEqual([[packSide, 1], [packSide, 0], [packSide, 1], [0]]);
    // the first packer call: 256 panels of the first 256 steps, from column 256·4 of B on
    const [pack] = starts;
    expect([pack[3], pack[5]]).toEqual([256, 256]);
    expect(pack[2]).toBe(address(b) + 8 * 1024);
    expectClose(a, b, shared, m, k, n);
    for (const data of [a, b]) release(data);
  });

  it("packs the helper's half of B here when the helper fails while packing it", async () => {
    const [m, k, n] = [14, 200, 2100];
    const { a, b, product } = rowMajorProduct(mulberry32(58), m, k, n, true);
    disableThreads();
    const alone = product();
    poisonScratch();
    const real = await readyHelper();
    // the packer's source (argument 2 of the first job) moved far outside the memory: it traps
    attachHelper({
      ...real,
      start: (args, more) =>
        real.start(
          args.map((x, i) => (i === 2 ? 2 ** 31 - 64 : x)),
          more,
        ),
    });
    const shared = product();
    attachHelper(null);
    expect(real.ready()).toBe(false);
    expect(shared).toEqual(alone);
    expectClose(a, b, shared, m, k, n);
    for (const data of [a, b]) release(data);
  });

  it("shares a batch of small products by whole entries, with the same numbers", async () => {
    const rand = mulberry32(55);
    // 9 entries of 100 × 70 × 80 (one block each, 5 million multiply–adds in all): 5 for the
    // helper in one job, 4 here
    const [t, m, k, n] = [9, 100, 70, 80];
    const { batch, worst, alone, real } = await batchAndHelper(rand, t, m, k, n);
    const jobs: number[] = [];
    attachHelper(counting(real, jobs));
    const shared = batch();
    expect(shared).toEqual(alone);
    // five hand-overs of one kernel call (an entry of one A panel range) each: the helper starts
    // on the first entry while this thread packs the next
    expect(jobs).toEqual([1, 1, 1, 1, 1]);
    // a helper whose kernel calls trap (A's address, argument 3 of each call, far outside the
    // memory): this thread redoes its entries
    attachHelper({
      ...real,
      start: (args, more) =>
        real.start(
          args.map((x, i) => (i % JOB_SLOTS === 3 ? 2 ** 31 - 8 : x)),
          more,
        ),
    });
    expect(batch()).toEqual(alone);
    expect(real.ready()).toBe(false);
    attachHelper(null);
    expect(worst(shared, 13)).toBeLessThan(1e-12);
  });

  it("leaves a batch of tiny products to the helper when staging one costs as much as computing it", async () => {
    // 2048 entries of 8 × 8 × 8: this thread only stages, in rounds of 32 entries (31 in the
    // last round, and the very last entry here)
    const [t, m, k, n] = [2048, 8, 8, 8];
    const { batch, worst, alone, real } = await batchAndHelper(mulberry32(61), t, m, k, n);
    const jobs: number[] = [];
    attachHelper(counting(real, jobs));
    const shared = batch();
    attachHelper(null);
    expect(jobs.reduce((a, b) => a + b, 0)).toBe(2047);
    expect(shared).toEqual(alone);
    expect(worst(shared, 5)).toBeLessThan(1e-12);
  });

  it("uses the helper's entries as they are finished, and redoes those after a failure", async () => {
    // 16 entries of 64 × 64 × 64 (4 million multiply–adds in all): 9 for the helper, 7 here
    const [t, m, k, n] = [16, 64, 64, 64];
    const { batch, worst, alone, real } = await batchAndHelper(mulberry32(58), t, m, k, n);
    // asked after each of this thread's entries, for the helper's next entry (one job each)
    const asked: number[] = [];
    attachHelper({
      ...real,
      finished: (jobs) => {
        asked.push(jobs);
        return real.finished(jobs);
      },
    });
    expect(batch()).toEqual(alone);
    expect(asked.length).toBeGreaterThanOrEqual(7);
    expect(asked.every((j, x) => j >= 1 && j <= 9 && (x === 0 || j >= asked[x - 1]))).toBe(true);
    expect(real.finished(9)).toBe(true);
    expect(real.finished(10)).toBe(false);
    // another batch of the same shape, so that the scratch no longer holds this one's products
    attachHelper(real);
    randomBatch(mulberry32(59), t, m, k, n).batch();
    // the helper's kernel calls trap from its third on (A's address far outside the memory; the
    // later ones are appended to a helper that has stopped): its first two entries are used as
    // they are (waited for here, however slowly the helper wakes), the other seven computed here
    let handed = 0;
    attachHelper({
      ...real,
      start: (args, more) => {
        const first = handed;
        handed += args.length / JOB_SLOTS;
        const trap = (i: number) => first + Math.floor(i / JOB_SLOTS) >= 2 && i % JOB_SLOTS === 3;
        real.start(
          args.map((x, i) => (trap(i) ? 2 ** 31 - 8 : x)),
          more,
        );
      },
      finished: (jobs) => {
        const deadline = Date.now() + 5000;
        while (jobs <= 2 && !real.finished(jobs) && Date.now() < deadline) {}
        return real.finished(jobs);
      },
    });
    const rescued = batch();
    expect(real.ready()).toBe(false);
    attachHelper(null);
    expect(rescued).toEqual(alone);
    expect(worst(rescued, 11)).toBeLessThan(1e-12);
  });

  it("finishes this thread's entries one by one when they do not fit beside the helper's", async () => {
    // 17 entries of 40 × 32 × 50: 10 for the helper, and 7 here (it stages the helper's), each
    // too small to split
    const [t, m, k, n] = [17, 40, 32, 50];
    expect(m * k * n < SPLIT_MIN && t * m * k * n >= BATCH_SPLIT_MIN).toBe(true);
    const { batch, worst, alone, real } = await batchAndHelper(mulberry32(57), t, m, k, n);
    const jobs: number[] = [];
    attachHelper(counting(real, jobs));
    // the helper's ten scratch blocks fit, this thread's first product does not
    Object.assign(reserves, { calls: 0, failAt: 11 });
    const shared = batch();
    attachHelper(null);
    Object.assign(reserves, { failAt: -1 });
    expect(jobs).toEqual(new Array(10).fill(1));
    expect(reserves.calls).toBeGreaterThan(11); // the entries went on after the failed reservation
    expect(shared).toEqual(alone);
    expect(worst(shared, 17)).toBeLessThan(1e-12);
  });

  it("says it is starting from its first `ready` until it is up", async () => {
    const helper = makeHelper();
    expect(helper.starting()).toBe(false); // not asked to start yet
    expect(helper.ready()).toBe(false); // starts it: a worker takes milliseconds to come up
    expect(helper.starting()).toBe(true);
    const started = Date.now();
    while (!helper.ready() && Date.now() - started < 20_000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(helper.ready()).toBe(true);
    expect(helper.starting()).toBe(false);
  });

  it("runs jobs appended before the wait, in order, and refuses more once the list is closed", async () => {
    const real = await readyHelper();
    const n = 1000;
    const rand = mulberry32(60);
    const [a, b, first, second] = [0, 1, 2, 3].map(() => allocate(n) as Float64Array);
    for (let x = 0; x < n; x++) [a[x], b[x]] = [2 * rand() - 1, 2 * rand() - 1];
    first.fill(Number.NaN);
    second.fill(Number.NaN);
    // one row of n products a[x]·b[x] into `out`
    const job = (out: Float64Array) =>
      callJob("mulBlock", [address(out), address(a), address(b), 1, n, 0, 0, 8, 8, 1, 0, 0]);
    real.start(job(first), true);
    // the first job runs while the list is still open
    const deadline = Date.now() + 5000;
    while (!real.finished(1) && Date.now() < deadline) {}
    expect(real.finished(1)).toBe(true);
    real.start(job(second));
    expect(() => real.start(job(second))).toThrow(/closed/);
    expect(real.wait()).toBe(true);
    expect(real.finished(2)).toBe(true);
    for (let x = 0; x < n; x++) {
      expect(first[x]).toBe(a[x] * b[x]);
      expect(second[x]).toBe(a[x] * b[x]);
    }
    expect(real.wait()).toBe(true); // nothing handed over: nothing to wait for
    for (const data of [second, first, b, a]) release(data);
  });

  it("computes a product again, alone, when the helper fails after adding into C", async () => {
    // k > 256: the second block of k adds into C, so the helper's half cannot just be redone
    const [m, k, n] = [300, 600, 260];
    const { a, b, product } = rowMajorProduct(mulberry32(56), m, k, n);
    disableThreads();
    const alone = product();
    const real = await readyHelper();
    let failures = 0;
    // a helper that does its work and then says it failed
    attachHelper({
      ...real,
      wait: () => {
        real.wait();
        failures++;
        return false;
      },
    });
    const shared = product();
    attachHelper(null);
    expect(failures).toBeGreaterThan(0);
    expect(shared).toEqual(alone);
    let worst = 0;
    for (let i = 0; i < m; i += 11) {
      for (let j = 0; j < n; j += 7) {
        let s = 0;
        for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
        worst = Math.max(worst, Math.abs(s - shared[i * n + j]));
      }
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it("redoes the work of a helper that fails, then leaves it aside", async () => {
    const rand = mulberry32(52);
    const [m, k, n] = [300, 280, 260];
    const { product } = rowMajorProduct(rand, m, k, n);
    disableThreads();
    const alone = product();
    const real = await readyHelper();
    expect(real.ready()).toBe(true);
    // A's offset (argument 3) moved far outside the memory: the helper's kernel call traps
    attachHelper({
      ...real,
      start: (args, more) =>
        real.start(
          args.map((x, i) => (i === 3 ? 2 ** 31 - 8 : x)),
          more,
        ),
    });
    expect(product()).toEqual(alone);
    expect(real.ready()).toBe(false);
    attachHelper(null);
  });
});
