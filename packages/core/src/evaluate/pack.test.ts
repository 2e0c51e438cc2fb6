import { describe, expect, it } from "vitest";
import { allocate, release } from "./heap.js";
import { copyColumns, copyRows, packA, packB } from "./pack.js";

const matrix = { data: Float64Array.of(1, 2, 3, 4, 5, 6), offset: 0, row: 3, col: 1 }; // 2 × 3
const transposed = { data: Float64Array.of(1, 4, 2, 5, 3, 6), offset: 0, row: 1, col: 2 }; // same, stored 3 × 2

describe("packing", () => {
  it("lays A out as 4-row panels, zero-padded, the same through any strides", () => {
    for (const a of [matrix, transposed]) {
      const mem = new Float64Array(16).fill(9);
      packA(a, 0, 2, 0, 3, mem, 0);
      expect([...mem]).toEqual([1, 4, 0, 0, 2, 5, 0, 0, 3, 6, 0, 0, 9, 9, 9, 9]);
    }
  });

  it("lays B out as 4-column panels from a given row and column on", () => {
    for (const b of [matrix, transposed]) {
      const mem = new Float64Array(8).fill(9);
      packB(b, 1, 1, 1, 2, mem, 0);
      expect([...mem]).toEqual([5, 6, 0, 0, 9, 9, 9, 9]);
    }
  });

  it("moves full panels four values at a time, through the strides", () => {
    const data = Float64Array.from({ length: 40 }, (_, x) => x);
    const a = { data, offset: 1, row: 8, col: 2 }; // A(i, p) = 1 + 8i + 2p, 4 × 3
    const mem = new Float64Array(12);
    packA(a, 0, 4, 0, 3, mem, 0);
    expect([...mem]).toEqual([1, 9, 17, 25, 3, 11, 19, 27, 5, 13, 21, 29]);
  });

  it("copies contiguous rows as they are, zero rows after them up to a whole panel", () => {
    for (const kc of [2, 70]) {
      const data = Float64Array.from({ length: 6 * 80 }, (_, x) => x);
      const a = { data, offset: 3, row: 80, col: 1 }; // A(i, p) = 3 + 80i + p
      const mem = new Float64Array(4 * kc + 1).fill(9);
      copyRows(a, 1, 2, 5, kc, mem, 0);
      const row = (i: number) => Array.from({ length: kc }, (_, p) => 3 + 80 * i + 5 + p);
      expect([...mem]).toEqual([...row(1), ...row(2), ...new Array(2 * kc).fill(0), 9]);
    }
  });

  it("copies contiguous columns as they are, zero-padded to whole panels", () => {
    for (const mc of [3, 70]) {
      const data = Float64Array.from({ length: 4 * 100 }, (_, x) => x);
      const a = { data, offset: 2, row: 1, col: 100 }; // A(i, p) = 2 + i + 100p
      const ld = Math.ceil(mc / 4) * 4 + 1;
      const mem = new Float64Array(2 * ld).fill(9);
      copyColumns(a, 5, mc, 1, 2, mem, 0, ld);
      const column = (p: number) => [
        ...Array.from({ length: mc }, (_, i) => 2 + 5 + i + 100 * p),
        ...new Array(ld - 1 - mc).fill(0),
        9,
      ];
      expect([...mem]).toEqual([...column(1), ...column(2)]);
    }
  });

  it("packs sources in the kernels' memory in WebAssembly, as the loops do", () => {
    // A(i, p) stored with rows 13 apart (each row contiguous), columns 11 apart, or neither
    // contiguous: 9 rows (two full panels and a partial one) of 5 or 6 steps (odd and even),
    // from row 1, step 2
    for (const [row, col] of [
      [13, 1],
      [1, 11],
      [7, 2],
    ]) {
      for (const kc of [5, 6]) {
        const plain = Float64Array.from({ length: 140 }, (_, x) => x + 0.5);
        const home = allocate(plain.length) as Float64Array;
        home.set(plain);
        const [at, mc] = [3, 9];
        const want = new Float64Array(at + 12 * kc + 2).fill(9);
        packA({ data: plain, offset: 1, row, col }, 1, mc, 2, kc, want, at);
        const got = allocate(want.length) as Float64Array;
        got.fill(9);
        packA({ data: home, offset: 1, row, col }, 1, mc, 2, kc, got, at);
        expect([...got]).toEqual([...want]);
        release(home);
        release(got);
      }
    }
  });
});
