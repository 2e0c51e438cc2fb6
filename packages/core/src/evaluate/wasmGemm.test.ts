import { describe, expect, it } from "vitest";
import { mulberry32 } from "../plan/random.js";
import { batchedMatmul } from "./gemm.js";
import { allocate, release } from "./heap.js";
import { wasmAvailable, wasmMatmul } from "./wasmGemm.js";
import { wasmKernelKind } from "./wasmRuntime.js";

/** The textbook triple loop, with the sum of |terms| for a rounding tolerance. */
function naive(a: Float64Array, b: Float64Array, m: number, k: number, n: number) {
  const c = new Float64Array(m * n);
  const scale = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      for (let p = 0; p < k; p++) {
        const x = a[i * k + p] * b[p * n + j];
        c[i * n + j] += x;
        scale[i * n + j] += Math.abs(x);
      }
    }
  }
  return { c, scale };
}

const rowMajor = (data: Float64Array, offset: number, cols: number) => ({
  data,
  offset,
  row: cols,
  col: 1,
});

describe("wasmMatmul", () => {
  it("compiles on this engine", () => {
    expect(wasmAvailable()).toBe(true);
    expect(["fused", "simd"]).toContain(wasmKernelKind());
  });

  it("agrees with the triple loop on ragged sizes from 1 to 70, at offsets", () => {
    const rand = mulberry32(41);
    const sizes = [1, 2, 3, 4, 5, 7, 8, 9, 13, 31, 33, 64, 70];
    for (let trial = 0; trial < 120; trial++) {
      const pick = () => sizes[Math.floor(rand() * sizes.length)];
      const [m, k, n] = [pick(), pick(), pick()];
      const a = Float64Array.from({ length: m * k + 3 }, () => 2 * rand() - 1);
      const b = Float64Array.from({ length: k * n + 5 }, () => 2 * rand() - 1);
      const c = new Float64Array(m * n + 2).fill(7);
      expect(wasmMatmul(rowMajor(a, 3, k), rowMajor(b, 5, n), c, 2, m, k, n)).toBe(true);
      const want = naive(a.subarray(3), b.subarray(5), m, k, n);
      expect([c[0], c[1]]).toEqual([7, 7]);
      for (let x = 0; x < m * n; x++) {
        expect(Math.abs(c[2 + x] - want.c[x])).toBeLessThanOrEqual(1e-13 * want.scale[x] + 1e-300);
      }
    }
  });

  it("crosses block edges (k > 256, m > 120) and overwrites stale output", () => {
    const rand = mulberry32(42);
    const [m, k, n] = [131, 517, 9];
    const a = Float64Array.from({ length: m * k }, () => 2 * rand() - 1);
    const b = Float64Array.from({ length: k * n }, () => 2 * rand() - 1);
    const c = new Float64Array(m * n).fill(Number.NaN);
    wasmMatmul(rowMajor(a, 0, k), rowMajor(b, 0, n), c, 0, m, k, n);
    const want = naive(a, b, m, k, n);
    for (let x = 0; x < m * n; x++) {
      expect(Math.abs(c[x] - want.c[x])).toBeLessThanOrEqual(1e-13 * want.scale[x]);
    }
  });

  it("reads transposed and interleaved operands through their strides", () => {
    const rand = mulberry32(44);
    for (const [m, k, n] of [
      [5, 7, 9],
      [64, 300, 33],
      [131, 17, 6],
    ]) {
      const a = Float64Array.from({ length: m * k }, () => 2 * rand() - 1);
      const b = Float64Array.from({ length: k * n }, () => 2 * rand() - 1);
      // Aᵀ stored k × m and Bᵀ stored n × k, read back as A and B
      const at = Float64Array.from({ length: m * k }, (_, x) => a[(x % m) * k + Math.floor(x / m)]);
      const bt = Float64Array.from({ length: k * n }, (_, x) => b[(x % k) * n + Math.floor(x / k)]);
      const c = new Float64Array(m * n);
      wasmMatmul(
        { data: at, offset: 0, row: 1, col: m },
        { data: bt, offset: 0, row: 1, col: k },
        c,
        0,
        m,
        k,
        n,
      );
      const want = naive(a, b, m, k, n);
      for (let x = 0; x < m * n; x++) {
        expect(Math.abs(c[x] - want.c[x])).toBeLessThanOrEqual(1e-13 * want.scale[x]);
      }
    }
  });

  it("reads A in place from the kernels' memory, rows or columns, for products up to 128 wide", () => {
    const rand = mulberry32(45);
    // n ≤ 128: A's rows (or columns) are read where they lie; m = 131 leaves a partial panel,
    // k = 300 two blocks of k, n = 101 a partial panel of B, and A sits 3 entries into its array
    for (const [m, k, n] of [
      [131, 300, 6],
      [8, 9, 32],
      [3, 5, 2],
      [131, 300, 101],
      [64, 64, 128],
    ]) {
      const a = Float64Array.from({ length: m * k }, () => 2 * rand() - 1);
      const b = Float64Array.from({ length: k * n }, () => 2 * rand() - 1);
      const want = naive(a, b, m, k, n);
      const rows = allocate(m * k + 3) as Float64Array;
      rows.set(a, 3);
      const columns = allocate(m * k + 3) as Float64Array;
      for (let x = 0; x < m * k; x++) columns[3 + (x % k) * m + Math.floor(x / k)] = a[x];
      for (const view of [
        { data: rows, offset: 3, row: k, col: 1 },
        { data: columns, offset: 3, row: 1, col: m },
      ]) {
        const c = new Float64Array(m * n);
        expect(wasmMatmul(view, rowMajor(b, 0, n), c, 0, m, k, n)).toBe(true);
        for (let x = 0; x < m * n; x++) {
          expect(Math.abs(c[x] - want.c[x])).toBeLessThanOrEqual(1e-13 * want.scale[x]);
        }
      }
      release(rows);
      release(columns);
    }
  });

  it("writes a C in the kernels' memory in place (whole tiles) or unpacked into it (ragged)", () => {
    const rand = mulberry32(46);
    for (const [m, k, n] of [
      [40, 300, 12],
      [37, 70, 13],
      [9, 5, 3],
    ]) {
      const a = Float64Array.from({ length: m * k }, () => 2 * rand() - 1);
      const b = Float64Array.from({ length: k * n }, () => 2 * rand() - 1);
      const want = naive(a, b, m, k, n);
      const c = allocate(m * n + 5) as Float64Array;
      c.fill(7);
      expect(wasmMatmul(rowMajor(a, 0, k), rowMajor(b, 0, n), c, 2, m, k, n)).toBe(true);
      expect([c[0], c[1], c[m * n + 2], c[m * n + 3], c[m * n + 4]]).toEqual([7, 7, 7, 7, 7]);
      for (let x = 0; x < m * n; x++) {
        expect(Math.abs(c[2 + x] - want.c[x])).toBeLessThanOrEqual(1e-13 * want.scale[x]);
      }
      release(c);
    }
  });

  it("declines, writing nothing, a product too large for its memory", () => {
    const one = rowMajor(new Float64Array(1), 0, 1);
    const c = new Float64Array(4).fill(7);
    // C padded is 24000² float64s, 4.6 GB: beyond what 32-bit addresses reach
    expect(wasmMatmul(one, one, c, 0, 24000, 1, 24000)).toBe(false);
    expect([...c]).toEqual([7, 7, 7, 7]);
  });

  it("gives zeros for an empty inner dimension", () => {
    const c = new Float64Array(6).fill(1);
    const empty = rowMajor(new Float64Array(0), 0, 0);
    wasmMatmul(empty, empty, c, 0, 2, 0, 3);
    expect([...c]).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe("batchedMatmul on the wasm kernel", () => {
  it("agrees with the triple loop for batches of ragged sizes", () => {
    const rand = mulberry32(43);
    for (const [batch, m, k, n] of [
      [3, 17, 33, 21],
      [2, 64, 65, 66],
      [5, 4, 70, 4],
      [1, 70, 70, 70],
    ]) {
      const a = Float64Array.from({ length: batch * m * k }, () => 2 * rand() - 1);
      const b = Float64Array.from({ length: batch * k * n }, () => 2 * rand() - 1);
      const c = batchedMatmul(a, b, batch, m, k, n);
      for (let t = 0; t < batch; t++) {
        const want = naive(a.subarray(t * m * k), b.subarray(t * k * n), m, k, n);
        for (let x = 0; x < m * n; x++) {
          const got = c[t * m * n + x];
          expect(Math.abs(got - want.c[x])).toBeLessThanOrEqual(1e-13 * want.scale[x]);
        }
      }
    }
  });
});
