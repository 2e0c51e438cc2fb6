import { describe, expect, it } from "vitest";
import { packA, packB } from "./pack.js";

const matrix = { data: Float64Array.of(1, 2, 3, 4, 5, 6), offset: 0, row: 3, col: 1 }; // 2 × 3
const transposed = { data: Float64Array.of(1, 4, 2, 5, 3, 6), offset: 0, row: 1, col: 2 }; // same, stored 3 × 2

describe("packing", () => {
  it("lays A out as 4-row panels, zero-padded, the same through any strides", () => {
    for (const a of [matrix, transposed]) {
      const mem = new Float64Array(16).fill(9);
      packA(a, 0, 2, 0, 3, 4, mem, 0);
      expect([...mem]).toEqual([1, 4, 0, 0, 2, 5, 0, 0, 3, 6, 0, 0, 0, 0, 0, 0]);
    }
  });

  it("lays B out as 4-column panels from a given row and column on", () => {
    for (const b of [matrix, transposed]) {
      const mem = new Float64Array(8).fill(9);
      packB(b, 1, 1, 2, 1, 2, mem, 0);
      expect([...mem]).toEqual([5, 6, 0, 0, 0, 0, 0, 0]);
    }
  });

  it("moves full panels four values at a time, through the strides", () => {
    const data = Float64Array.from({ length: 40 }, (_, x) => x);
    const a = { data, offset: 1, row: 8, col: 2 }; // A(i, p) = 1 + 8i + 2p, 4 × 3
    const mem = new Float64Array(12);
    packA(a, 0, 4, 0, 3, 3, mem, 0);
    expect([...mem]).toEqual([1, 9, 17, 25, 3, 11, 19, 27, 5, 13, 21, 29]);
  });
});
