/**
 * Arrays for the reference interpreter (`interpreter.ts`): row-major storage, NumPy broadcasting,
 * matmul, kron, einsum, the determinant (Gaussian elimination) and the inverse (Gauss–Jordan),
 * all with plain loops and no diagrad code.
 */

/** A dense array: `data` in row-major (C) order. */
export interface NdArray {
  shape: number[];
  data: number[];
}
export type Nested = number | Nested[];

export const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

export function unravel(k: number, shape: readonly number[]): number[] {
  const idx = new Array<number>(shape.length);
  for (let a = shape.length - 1; a >= 0; a--) {
    idx[a] = k % shape[a];
    k = Math.floor(k / shape[a]);
  }
  return idx;
}

export function ravel(idx: readonly number[], shape: readonly number[]): number {
  let k = 0;
  for (let a = 0; a < shape.length; a++) k = k * shape[a] + idx[a];
  return k;
}

/** The array of this shape whose entry at each multi-index is `f(index)`. */
export function build(shape: number[], f: (idx: number[]) => number): NdArray {
  const data: number[] = [];
  for (let k = 0; k < size(shape); k++) data.push(f(unravel(k, shape)));
  return { shape, data };
}

export const at = (x: NdArray, idx: readonly number[]) => x.data[ravel(idx, x.shape)];
export const scalar = (v: number): NdArray => ({ shape: [], data: [v] });
export const map = (x: NdArray, f: (v: number) => number): NdArray => ({
  shape: [...x.shape],
  data: x.data.map(f),
});

export function fromNestedArray(x: Nested): NdArray {
  if (!Array.isArray(x)) return scalar(x);
  const parts = x.map(fromNestedArray);
  return { shape: [x.length, ...(parts[0]?.shape ?? [])], data: parts.flatMap((p) => p.data) };
}

export function toNestedArray(x: NdArray): Nested {
  const go = (axis: number, offset: number): Nested => {
    if (axis === x.shape.length) return x.data[offset];
    const stride = size(x.shape.slice(axis + 1));
    return Array.from({ length: x.shape[axis] }, (_, i) => go(axis + 1, offset + i * stride));
  };
  return go(0, 0);
}

// ---- broadcasting and products ----

function broadcastShape(a: readonly number[], b: readonly number[], op: string): number[] {
  const n = Math.max(a.length, b.length);
  return Array.from({ length: n }, (_, i) => {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1)
      throw new Error(`${op}: cannot broadcast [${a}] with [${b}]`);
    return da === 1 ? db : da;
  });
}

/** The entry of `x` that broadcasts to position `idx` of a result of rank `idx.length`. */
function pick(x: NdArray, idx: readonly number[]): number {
  const offset = idx.length - x.shape.length;
  const own = x.shape.map((d, a) => (d === 1 ? 0 : idx[offset + a]));
  return at(x, own);
}

export function zipWith(
  a: NdArray,
  b: NdArray,
  op: string,
  f: (u: number, w: number) => number,
): NdArray {
  return build(broadcastShape(a.shape, b.shape, op), (idx) => f(pick(a, idx), pick(b, idx)));
}

/** np.matmul: a 1-D left operand gets a leading 1, a 1-D right one a trailing 1, both removed after. */
export function matmul(a: NdArray, b: NdArray): NdArray {
  if (a.shape.length === 0 || b.shape.length === 0) throw new Error("@: scalar operand");
  const left = a.shape.length === 1 ? { shape: [1, ...a.shape], data: a.data } : a;
  const right = b.shape.length === 1 ? { shape: [...b.shape, 1], data: b.data } : b;
  const [m, k] = left.shape.slice(-2);
  const [k2, n] = right.shape.slice(-2);
  if (k !== k2) throw new Error(`@: shapes [${a.shape}] and [${b.shape}] do not match`);
  const batch = broadcastShape(left.shape.slice(0, -2), right.shape.slice(0, -2), "@");
  const full = build([...batch, m, n], (idx) => {
    const outer = idx.slice(0, -2);
    const [i, j] = idx.slice(-2);
    let s = 0;
    for (let l = 0; l < k; l++) s += pick(left, [...outer, i, l]) * pick(right, [...outer, l, j]);
    return s;
  });
  const shape = [
    ...batch,
    ...(a.shape.length === 1 ? [] : [m]),
    ...(b.shape.length === 1 ? [] : [n]),
  ];
  return { shape, data: full.data };
}

/** np.kron: the lower-rank operand gets leading 1s; block (i, j) of the result is a[i, j] · b. */
export function kron(a: NdArray, b: NdArray): NdArray {
  const r = Math.max(a.shape.length, b.shape.length);
  const pa = { shape: [...Array(r - a.shape.length).fill(1), ...a.shape], data: a.data };
  const pb = { shape: [...Array(r - b.shape.length).fill(1), ...b.shape], data: b.data };
  const shape = pa.shape.map((d, i) => d * pb.shape[i]);
  return build(shape, (idx) => {
    const ia = idx.map((k, i) => Math.floor(k / pb.shape[i]));
    const ib = idx.map((k, i) => k % pb.shape[i]);
    return at(pa, ia) * at(pb, ib);
  });
}

// ---- einsum ----

/** np.einsum: explicit (`ij,jk->ik`) or implicit output (labels occurring once, sorted). */
export function einsum(subscripts: string, operands: NdArray[]): NdArray {
  const text = subscripts.replace(/\s/g, "");
  const [lhs, rhs] = text.includes("->") ? text.split("->") : [text, undefined];
  const inputs = lhs.split(",").map((s) => [...s]);
  const counts = (l: string) => inputs.flat().filter((m) => m === l).length;
  const output =
    rhs !== undefined
      ? [...rhs]
      : [...new Set(inputs.flat())].filter((l) => counts(l) === 1).sort();
  if (inputs.length !== operands.length) throw new Error("einsum: wrong number of operands");
  const sizes = new Map<string, number>();
  inputs.forEach((labels, k) => {
    if (labels.length !== operands[k].shape.length)
      throw new Error(`einsum: '${labels.join("")}' vs rank`);
    labels.forEach((l, a) => {
      const d = operands[k].shape[a];
      if ((sizes.get(l) ?? d) !== d) throw new Error(`einsum: index ${l} has two sizes`);
      sizes.set(l, d);
    });
  });
  const labels = [...sizes.keys()];
  const labelShape = labels.map((l) => sizes.get(l) as number);
  const shape = output.map((l) => {
    const d = sizes.get(l);
    if (d === undefined) throw new Error(`einsum: output index ${l} is in no input`);
    return d;
  });
  const data = new Array<number>(size(shape)).fill(0);
  for (let k = 0; k < size(labelShape); k++) {
    const idx = unravel(k, labelShape);
    const value = (l: string) => idx[labels.indexOf(l)];
    let p = 1;
    inputs.forEach((ls, n) => {
      p *= at(operands[n], ls.map(value));
    });
    data[ravel(output.map(value), shape)] += p;
  }
  return { shape, data };
}

// ---- linear algebra ----

/** The row at or below `col` with the largest |entry| in column `col` (partial pivoting). */
function pivotRow(m: readonly number[], n: number, col: number): number {
  let pivot = col;
  for (let r = col + 1; r < n; r++) {
    if (Math.abs(m[r * n + col]) > Math.abs(m[pivot * n + col])) pivot = r;
  }
  return pivot;
}

function swapRows(m: number[], n: number, r1: number, r2: number): void {
  for (let c = 0; c < n && r1 !== r2; c++)
    [m[r1 * n + c], m[r2 * n + c]] = [m[r2 * n + c], m[r1 * n + c]];
}

/** det of an n × n row-major matrix: eliminate below each pivot, multiply the pivots. */
export function determinant(a: readonly number[], n: number): number {
  const m = [...a];
  let det = 1;
  for (let col = 0; col < n; col++) {
    const pivot = pivotRow(m, n, col);
    if (m[pivot * n + col] === 0) return 0;
    if (pivot !== col) det = -det;
    swapRows(m, n, pivot, col);
    const p = m[col * n + col];
    det *= p;
    for (let r = col + 1; r < n; r++) {
      const f = m[r * n + col] / p;
      for (let c = col; c < n; c++) m[r * n + c] -= f * m[col * n + c];
    }
  }
  return det;
}

/** The inverse of an n × n row-major matrix: reduce [A | I] to [I | A⁻¹]. Throws if singular. */
export function inverse(a: readonly number[], n: number): number[] {
  const m = [...a];
  const out = Array.from({ length: n * n }, (_, k) => (Math.floor(k / n) === k % n ? 1 : 0));
  for (let col = 0; col < n; col++) {
    const pivot = pivotRow(m, n, col);
    if (m[pivot * n + col] === 0) throw new Error("inv: singular matrix");
    swapRows(m, n, pivot, col);
    swapRows(out, n, pivot, col);
    const p = m[col * n + col];
    for (let c = 0; c < n; c++) {
      m[col * n + c] /= p;
      out[col * n + c] /= p;
    }
    for (let r = 0; r < n; r++) {
      const f = r === col ? 0 : m[r * n + col];
      for (let c = 0; c < n; c++) {
        m[r * n + c] -= f * m[col * n + c];
        out[r * n + c] -= f * out[col * n + c];
      }
    }
  }
  return out;
}
