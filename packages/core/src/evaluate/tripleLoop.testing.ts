/**
 * The oracle of the matrix-product tests: the textbook triple loop over entries read through
 * accessors (so any layout can be checked), with each entry's rounding tolerance taken from the
 * sum of the absolute values of its terms.
 */
import { expect } from "vitest";

/**
 * Expects `c` (row-major [batch, m, n]) to hold Σₚ A(t, i, p) · B(t, p, j) within 1e-13 of the
 * terms' absolute sum.
 *
 * @example expectProduct(c, (t, i, p) => a[i * k + p], (t, p, j) => b[p * n + j], 1, m, k, n)
 */
export function expectProduct(
  c: Float64Array,
  a: (t: number, i: number, p: number) => number,
  b: (t: number, p: number, j: number) => number,
  batch: number,
  m: number,
  k: number,
  n: number,
): void {
  expect(c.length).toBe(batch * m * n);
  for (let t = 0; t < batch; t++) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let want = 0;
        let scale = 0;
        for (let p = 0; p < k; p++) {
          const x = a(t, i, p) * b(t, p, j);
          want += x;
          scale += Math.abs(x);
        }
        expect(Math.abs(c[(t * m + i) * n + j] - want)).toBeLessThanOrEqual(1e-13 * scale);
      }
    }
  }
}
