/**
 * The numbers printed forms are certified against, reshaped from the derivative's own tensor
 * J[out…, in…] (row-major): the vec form's matrix ∂vec(F)/∂vec(A) and the differential's
 * contraction Σ J[out, in] dA[in].
 */
import type { Tensor } from "../../evaluate/tensor.js";

/** Column-major (Fortran) position of each row-major entry of a tensor of this shape. */
function columnMajor(shape: readonly number[]): Int32Array {
  const size = shape.reduce((a, b) => a * b, 1);
  const out = new Int32Array(size);
  const index = new Array<number>(shape.length).fill(0);
  for (let flat = 0; flat < size; flat++) {
    let pos = 0;
    let stride = 1;
    for (let k = 0; k < shape.length; k++) {
      pos += index[k] * stride;
      stride *= shape[k];
    }
    out[flat] = pos;
    for (let k = shape.length - 1; k >= 0; k--) {
      if (++index[k] < shape[k]) break;
      index[k] = 0;
    }
  }
  return out;
}

/**
 * J[out…, in…] as the matrix ∂vec(F)/∂vec(A) (rows vec(out), columns vec(in), both column-major);
 * `transposed` gives its transpose (the denominator layout).
 *
 * @example vecMatrix({ shape: [2, 2], data }, 1) // the same 2 × 2 matrix
 */
export function vecMatrix(j: Tensor, outRank: number, transposed = false): Tensor {
  const outShape = j.shape.slice(0, outRank);
  const inShape = j.shape.slice(outRank);
  const rows = outShape.reduce((a, b) => a * b, 1);
  const cols = inShape.reduce((a, b) => a * b, 1);
  const r = columnMajor(outShape);
  const c = columnMajor(inShape);
  const data = new Float64Array(rows * cols);
  for (let o = 0; o < rows; o++)
    for (let i = 0; i < cols; i++) {
      const v = j.data[o * cols + i];
      if (transposed) data[c[i] * rows + r[o]] = v;
      else data[r[o] * cols + c[i]] = v;
    }
  return { shape: transposed ? [cols, rows] : [rows, cols], data };
}

/**
 * Σ_v J[o, v] d[v] over d's axes, the trailing axes of J.
 *
 * @example contractTrailing(J /* [2, 3] *\/, d /* [3] *\/) // J d, of shape [2]
 */
export function contractTrailing(j: Tensor, d: Tensor): Tensor {
  const inner = d.data.length;
  const outer = j.data.length / inner;
  const data = new Float64Array(outer);
  for (let o = 0; o < outer; o++) {
    let s = 0;
    for (let v = 0; v < inner; v++) s += j.data[o * inner + v] * d.data[v];
    data[o] = s;
  }
  return { shape: j.shape.slice(0, j.shape.length - d.shape.length), data };
}
