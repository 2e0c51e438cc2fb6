/**
 * The numeric side of the language's functions. `elementwise` is a table with one entry per name,
 * so a function the language adds without a numeric rule is a compile error. The entries are
 * written to be stable where the textbook formula is not: `sigmoid` never evaluates `exp` of a
 * large positive number, `softplus` is `max(x, 0) + log1p(exp(−|x|))`, and `softmax`/`logsumexp`
 * subtract the row maximum first. `norm` scales by the largest entry so squares cannot overflow.
 */
import type { ElementwiseFn } from "../network/types.js";
import { size, type Tensor } from "./tensor.js";

/** The names of the elementwise functions of one argument (`pow` takes its exponent apart). */
export type ElementwiseName = Exclude<ElementwiseFn, "pow">;

/**
 * The elementwise functions by name. `sign(0)` and `step(0)` are 0; NaN stays NaN.
 *
 * @example elementwise.sigmoid(0) // 0.5
 * @example elementwise.softplus(1000) // 1000
 */
export const elementwise: Record<ElementwiseName, (x: number) => number> = {
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  tanh: Math.tanh,
  sigmoid: (x) => {
    if (x >= 0) return 1 / (1 + Math.exp(-x));
    const e = Math.exp(x);
    return e / (1 + e);
  },
  sin: Math.sin,
  cos: Math.cos,
  abs: Math.abs,
  relu: (x) => Math.max(x, 0),
  softplus: (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))),
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : Number.NaN),
  step: (x) => (x > 0 ? 1 : x <= 0 ? 0 : Number.NaN),
};

/**
 * `x` to the power `p` (NaN for a negative `x` and a non-integer `p`).
 *
 * @example power(2, 10) // 1024
 */
export function power(x: number, p: number): number {
  return x ** p;
}

/**
 * A new tensor of the same shape with `f` applied to every entry.
 *
 * @example map(tensor([2], [1, 4]), Math.sqrt) // [1, 2]
 */
export function map(t: Tensor, f: (x: number) => number): Tensor {
  return { shape: [...t.shape], data: t.data.map(f) };
}

/** Calls `visit(offset, length)` for every run along the last axis (a scalar is one run of 1). */
function rows(t: Tensor, visit: (offset: number, length: number, row: number) => void): void {
  const length = t.shape.length === 0 ? 1 : t.shape[t.shape.length - 1];
  const count = length === 0 ? size(t.shape.slice(0, -1)) : t.data.length / length;
  for (let r = 0; r < count; r++) visit(r * length, length, r);
}

function rowMax(data: Float64Array, offset: number, length: number): number {
  let m = Number.NEGATIVE_INFINITY;
  for (let k = offset; k < offset + length; k++) m = Math.max(m, data[k]);
  return m;
}

/**
 * log Σ exp along the last axis; the result drops that axis. −∞ for an empty axis.
 *
 * @example logsumexp(tensor([2], [1000, 1000])).data // [1000 + Math.LN2]
 */
export function logsumexp(t: Tensor): Tensor {
  const shape = t.shape.slice(0, -1);
  const data = new Float64Array(size(shape));
  rows(t, (offset, length, r) => {
    const m = rowMax(t.data, offset, length);
    if (!Number.isFinite(m)) {
      data[r] = m; // all −∞ (or empty), some +∞, or a NaN
      return;
    }
    let s = 0;
    for (let k = offset; k < offset + length; k++) s += Math.exp(t.data[k] - m);
    data[r] = m + Math.log(s);
  });
  return { shape, data };
}

/**
 * exp(x − logsumexp(x)) along the last axis: each row is positive and sums to 1.
 *
 * @example softmax(tensor([2], [0, Math.log(3)])).data // [0.25, 0.75]
 */
export function softmax(t: Tensor): Tensor {
  const data = new Float64Array(t.data.length);
  rows(t, (offset, length) => {
    const m = rowMax(t.data, offset, length);
    let s = 0;
    for (let k = offset; k < offset + length; k++) {
      data[k] = Math.exp(t.data[k] - m);
      s += data[k];
    }
    for (let k = offset; k < offset + length; k++) data[k] /= s;
  });
  return { shape: [...t.shape], data };
}

/**
 * The Frobenius (2-)norm of all entries, √Σx², without overflow or underflow of the squares.
 *
 * @example norm(tensor([2], [3e200, 4e200])) // 5e200
 */
export function norm(t: Tensor): number {
  let scale = 0;
  for (const x of t.data) {
    if (Number.isNaN(x)) return Number.NaN;
    scale = Math.max(scale, Math.abs(x));
  }
  if (scale === 0 || scale === Number.POSITIVE_INFINITY) return scale;
  let s = 0;
  for (const x of t.data) s += (x / scale) * (x / scale);
  return scale * Math.sqrt(s);
}
