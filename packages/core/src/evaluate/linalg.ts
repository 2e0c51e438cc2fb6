/**
 * Dense linear algebra on square matrices through one LU factorisation with partial pivoting:
 * PA = LU with L unit lower triangular and U upper triangular, stored together in one array.
 * `determinant` is the signed product of U's diagonal (0 for a singular matrix, never an error),
 * `logAbsDet` the sum of the logs of its magnitudes (an error when the determinant is exactly 0),
 * and `inverse` solves LU X = P for all columns at once, row by row so the inner loops are
 * contiguous. It refuses a matrix whose pivot is 0 to working precision (at most n·ε·max|Aᵢⱼ|),
 * since every entry of such an inverse would be noise.
 */
import { DiagradError, ShapeError } from "../language/span.js";
import type { Tensor } from "./tensor.js";

/** A factorisation PA = LU: row k of PA is row `pivots[k]` of A; `sign` is det P. */
export interface LU {
  readonly n: number;
  readonly lu: Float64Array;
  readonly pivots: Int32Array;
  readonly sign: number;
}

/**
 * The LU factorisation with partial pivoting of a square matrix; `operation` names the caller in
 * the shape error for a non-square input.
 *
 * @example lu(tensor([2, 2], [0, 1, 1, 0])).sign // -1: one row swap
 */
export function lu(t: Tensor, operation = "lu"): LU {
  const [n, m] = t.shape;
  if (t.shape.length !== 2 || n !== m) {
    throw new ShapeError(
      `${operation}: expected a square matrix but got shape [${t.shape.join(", ")}]`,
    );
  }
  const a = Float64Array.from(t.data);
  const pivots = Int32Array.from({ length: n }, (_, k) => k);
  let sign = 1;
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(a[i * n + k]) > Math.abs(a[p * n + k])) p = i;
    if (p !== k) {
      for (let j = 0; j < n; j++) [a[k * n + j], a[p * n + j]] = [a[p * n + j], a[k * n + j]];
      [pivots[k], pivots[p]] = [pivots[p], pivots[k]];
      sign = -sign;
    }
    const pivot = a[k * n + k];
    if (pivot === 0) continue;
    for (let i = k + 1; i < n; i++) {
      a[i * n + k] /= pivot;
      const f = a[i * n + k];
      if (f === 0) continue;
      for (let j = k + 1; j < n; j++) a[i * n + j] -= f * a[k * n + j];
    }
  }
  return { n, lu: a, pivots, sign };
}

/**
 * The determinant of a square matrix (0 when it is singular).
 *
 * @example determinant(tensor([2, 2], [1, 2, 3, 4])) // -2
 */
export function determinant(t: Tensor): number {
  const { n, lu: a, sign } = lu(t, "det");
  let d = sign;
  for (let k = 0; k < n; k++) d *= a[k * n + k];
  return d === 0 ? 0 : d;
}

/**
 * log |det A| of a square matrix, summed from the pivots so that it neither overflows nor
 * underflows; a `DiagradError` when the determinant is 0.
 *
 * @example logAbsDet(tensor([2, 2], [1e200, 0, 0, 1e200])) // 400 · ln 10
 */
export function logAbsDet(t: Tensor): number {
  const { n, lu: a } = lu(t, "logdet");
  let s = 0;
  for (let k = 0; k < n; k++) {
    const pivot = a[k * n + k];
    if (pivot === 0) {
      throw new DiagradError(
        "value",
        `logdet: matrix is singular (pivot ${k + 1} of ${n} is 0), so log|det| is −∞`,
      );
    }
    s += Math.log(Math.abs(pivot));
  }
  return s;
}

/**
 * The inverse of a square matrix; a `DiagradError` when it is singular to working precision.
 *
 * @example inverse(tensor([2, 2], [2, 0, 0, 4])) // [[0.5, 0], [0, 0.25]]
 */
export function inverse(t: Tensor): Tensor {
  const { n, lu: a, pivots } = lu(t, "inv");
  let largest = 0;
  for (const x of t.data) largest = Math.max(largest, Math.abs(x));
  const tolerance = n * Number.EPSILON * largest;
  for (let k = 0; k < n; k++) {
    const pivot = a[k * n + k];
    if (!(Math.abs(pivot) > tolerance)) {
      throw new DiagradError(
        "value",
        `inv: matrix is singular (pivot ${k + 1} of ${n} is ${pivot.toPrecision(3)}, at most ${tolerance.toPrecision(3)} is treated as 0)`,
      );
    }
  }
  // X = P, then L Y = X (forward), then U X = Y (backward), a whole row at a time.
  const x = new Float64Array(n * n);
  for (let k = 0; k < n; k++) x[k * n + pivots[k]] = 1;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < i; k++) {
      const f = a[i * n + k];
      if (f !== 0) for (let j = 0; j < n; j++) x[i * n + j] -= f * x[k * n + j];
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let k = i + 1; k < n; k++) {
      const f = a[i * n + k];
      if (f !== 0) for (let j = 0; j < n; j++) x[i * n + j] -= f * x[k * n + j];
    }
    const d = a[i * n + i];
    for (let j = 0; j < n; j++) x[i * n + j] /= d;
  }
  return { shape: [n, n], data: x };
}
