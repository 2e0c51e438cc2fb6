import { describe, expect, it } from "vitest";
import { DiagradError } from "../language/span.js";
import { mulberry32 } from "../plan/random.js";
import { address } from "./heap.js";
import { runEquation } from "./run.js";

describe("runEquation", () => {
  it("evaluates on seeded random data: a matrix product checked by hand", () => {
    const { result, ms, path } = runEquation("ij,jk->ik", { i: 3, j: 4, k: 5 }, { seed: 7 });
    expect(result.shape).toEqual([3, 5]);
    expect(ms).toBeGreaterThanOrEqual(0);
    expect(path).toEqual([[0, 1]]);
    // The operands are drawn in order from the seed: A (3×4) then B (4×5), uniform in [−1, 1).
    const random = mulberry32(7);
    const a = Array.from({ length: 12 }, () => 2 * random() - 1);
    const b = Array.from({ length: 20 }, () => 2 * random() - 1);
    for (let i = 0; i < 3; i++) {
      for (let k = 0; k < 5; k++) {
        let want = 0;
        for (let j = 0; j < 4; j++) want += a[i * 4 + j] * b[j * 5 + k];
        expect(result.data[i * 5 + k]).toBeCloseTo(want, 12);
      }
    }
  });

  it("repeats and follows a given path; the same seed gives the same numbers", () => {
    const sizes = { a: 8, b: 9, c: 10, d: 11 };
    const one = runEquation("ab,bc,cd->ad", sizes, { seed: 3, repeat: 3 });
    const other = runEquation("ab,bc,cd->ad", sizes, {
      seed: 3,
      path: [
        [0, 1],
        [0, 1],
      ],
    });
    expect(other.path).toEqual([
      [0, 1],
      [0, 1],
    ]);
    for (let x = 0; x < one.result.data.length; x++) {
      expect(other.result.data[x]).toBeCloseTo(one.result.data[x], 10);
    }
  });

  it("gives the same numbers into one reused array as into a new one each run", () => {
    // 64 × 48 × 40: the kernel writes whole tiles straight into the reused array
    for (const equation of ["ij,jk->ik", "ij,jk->ki", "ij,jk->"]) {
      const sizes = { i: 64, j: 48, k: 40 };
      const reused = runEquation(equation, sizes, { seed: 5, repeat: 3 }).result;
      const fresh = runEquation(equation, sizes, { seed: 5, repeat: 3, newResult: true }).result;
      expect(reused.shape).toEqual(fresh.shape);
      expect(reused.data).toEqual(fresh.data);
      expect(reused.data.some((x) => x !== 0)).toBe(true);
      // the result returned is the caller's own, not the kernels' memory freed after the runs
      expect(address(reused.data)).toBe(-1);
    }
  });

  it("rejects a repeat count that is not a positive integer", () => {
    expect(() => runEquation("i", { i: 2 }, { repeat: 0 })).toThrow(DiagradError);
  });

  it("runs untimed warm-ups first for the time asked, at least one, none by default", () => {
    const sizes = { i: 20, j: 20, k: 20 };
    expect(runEquation("ij,jk->ik", sizes).warmups).toBe(0);
    expect(runEquation("ij,jk->ik", sizes, { warmup: 0.001 }).warmups).toBeGreaterThanOrEqual(1);
    // a 20³ product takes microseconds: 30 ms of warm-up is many runs
    expect(runEquation("ij,jk->ik", sizes, { warmup: 30 }).warmups).toBeGreaterThan(10);
    expect(() => runEquation("i", { i: 2 }, { warmup: -1 })).toThrow(/warmup is -1 ms/);
    expect(() => runEquation("i", { i: 2 }, { warmup: Number.NaN })).toThrow(DiagradError);
  });

  it("says which tensor is too large for an array before allocating anything", () => {
    const huge = { i: 200_000, j: 200_000 };
    expect(() => runEquation("ij->", huge)).toThrow(DiagradError);
    expect(() => runEquation("ij->", huge)).toThrow(
      /operand 1 \[200000 × 200000\] has 40000000000/,
    );
    expect(() => runEquation("i,j->ij", huge)).toThrow(/the result has 40000000000 entries/);
    expect(() => runEquation("i,j,ij->", huge)).toThrow(/operand 3/);
    // a path that joins ik and jk first, keeping i and j (il and jl still need them)
    const path: [number, number][] = [
      [0, 1],
      [0, 1],
      [0, 1],
    ];
    const sizes = { i: 70_000, j: 70_000, k: 1, l: 1 };
    expect(() => runEquation("ik,jk,il,jl->", sizes, { path })).toThrow(
      /an intermediate has 4900000000 entries/,
    );
  });
});
