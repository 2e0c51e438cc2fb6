import { describe, expect, it } from "vitest";
import { DiagradError, ShapeError } from "../language/span.js";
import { mulberry32 } from "../plan/random.js";
import { determinant, inverse, logAbsDet, lu } from "./linalg.js";
import { type Tensor, tensor } from "./tensor.js";

/** A random matrix with a dominant diagonal (so well conditioned), rows shuffled so pivoting matters. */
function wellConditioned(n: number, rand: () => number): Tensor {
  const a = Array.from({ length: n * n }, () => 2 * rand() - 1);
  for (let i = 0; i < n; i++) a[i * n + i] += n * (rand() < 0.5 ? -1 : 1);
  const order = Array.from({ length: n }, (_, i) => i).sort(() => rand() - 0.5);
  return tensor(
    [n, n],
    order.flatMap((r) => a.slice(r * n, r * n + n)),
  );
}

function matmul(a: Tensor, b: Tensor): number[] {
  const n = a.shape[0];
  const c = new Array<number>(n * n).fill(0);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      for (let k = 0; k < n; k++) c[i * n + j] += a.data[i * n + k] * b.data[k * n + j];
  return c;
}

describe("linalg", () => {
  it("inverts random well-conditioned matrices: A · inv(A) ≈ I ≈ inv(A) · A", () => {
    const rand = mulberry32(21);
    for (const n of [1, 2, 3, 5, 8, 20, 40]) {
      const a = wellConditioned(n, rand);
      const copy = Float64Array.from(a.data);
      const x = inverse(a);
      expect(a.data).toEqual(copy);
      for (const c of [matmul(a, x), matmul(x, a)]) {
        c.forEach((v, k) => {
          expect(Math.abs(v - (k % (n + 1) === 0 ? 1 : 0))).toBeLessThan(1e-12);
        });
      }
    }
  });

  it("computes determinants of known matrices", () => {
    expect(determinant(tensor([2, 2], [1, 2, 3, 4]))).toBeCloseTo(-2, 14);
    expect(determinant(tensor([3, 3], [2, 7, 1, 0, 3, 5, 0, 0, 4]))).toBeCloseTo(24, 13);
    expect(determinant(tensor([3, 3], [2, 0, 0, 7, 3, 0, 1, 5, -4]))).toBeCloseTo(-24, 13);
    // Permutation matrices: the sign of the permutation.
    expect(determinant(tensor([2, 2], [0, 1, 1, 0]))).toBe(-1);
    expect(determinant(tensor([3, 3], [0, 1, 0, 0, 0, 1, 1, 0, 0]))).toBe(1);
    expect(determinant(tensor([3, 3], [0, 0, 1, 0, 1, 0, 1, 0, 0]))).toBe(-1);
    expect(determinant(tensor([0, 0]))).toBe(1);
    expect(lu(tensor([2, 2], [0, 1, 1, 0])).sign).toBe(-1);
  });

  it("gives 0 for the determinant of a singular matrix", () => {
    expect(determinant(tensor([2, 2], [1, 2, 2, 4]))).toBe(0);
  });

  it("computes log|det| without overflow", () => {
    const rand = mulberry32(22);
    const a = wellConditioned(6, rand);
    expect(logAbsDet(a)).toBeCloseTo(Math.log(Math.abs(determinant(a))), 12);
    expect(logAbsDet(tensor([2, 2], [-1e200, 0, 0, 1e200]))).toBeCloseTo(400 * Math.LN10, 10);
  });

  it("throws a DiagradError for a singular matrix", () => {
    const singular = tensor([3, 3], [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(() => inverse(singular)).toThrow(DiagradError);
    expect(() => inverse(singular)).toThrow(/matrix is singular/);
    expect(() => inverse(tensor([2, 2], [1, 2, 2, 4]))).toThrow(/matrix is singular/);
    expect(() => logAbsDet(tensor([2, 2], [1, 2, 2, 4]))).toThrow(/matrix is singular/);
    try {
      inverse(singular);
    } catch (e) {
      expect((e as DiagradError).kind).toBe("value");
    }
  });

  it("throws a ShapeError naming the operation for a non-square input", () => {
    expect(() => inverse(tensor([2, 3]))).toThrow(ShapeError);
    expect(() => inverse(tensor([2, 3]))).toThrow(
      "inv: expected a square matrix but got shape [2, 3]",
    );
    expect(() => determinant(tensor([4]))).toThrow(
      "det: expected a square matrix but got shape [4]",
    );
  });
});
