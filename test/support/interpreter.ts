/**
 * A naive reference interpreter of the expression language, an oracle for diagrad's evaluator.
 *
 * It walks the AST and computes every node directly from NumPy's semantics with plain loops over
 * row-major arrays. It shares nothing with diagrad but the parser (and `constantValue` for the
 * constant arguments): no networks, no contraction, no diagrad linear algebra.
 *
 * @example interpret("A @ x", { A: fromNestedArray([[1, 2], [3, 4]]), x: fromNestedArray([1, 1]) })
 *   // { shape: [2], data: [3, 7] }
 */
import { constantValue, type Expr, parse } from "@diagrad/core";
import {
  at,
  build,
  determinant,
  einsum,
  inverse,
  kron,
  map,
  matmul,
  type NdArray,
  scalar,
  unravel,
  zipWith,
} from "./interpreter-arrays.js";

export { fromNestedArray, type NdArray, type Nested, toNestedArray } from "./interpreter-arrays.js";

// ---- axes ----

/** The entries of `x` along `axis` at the other axes' index `rest`. */
function lane(x: NdArray, axis: number, rest: readonly number[]): number[] {
  const n = x.shape[axis];
  return Array.from({ length: n }, (_, t) =>
    at(x, [...rest.slice(0, axis), t, ...rest.slice(axis)]),
  );
}

function reduceAxis(x: NdArray, axis: number, f: (values: number[]) => number): NdArray {
  return build(
    x.shape.filter((_, a) => a !== axis),
    (rest) => f(lane(x, axis, rest)),
  );
}

const total = (values: readonly number[]) => values.reduce((s, v) => s + v, 0);
const logSumExp = (values: number[]) => {
  const m = Math.max(...values);
  return m + Math.log(total(values.map((v) => Math.exp(v - m))));
};

/** Fortran-order flattening: the first index varies fastest. */
function vec(x: NdArray): number[] {
  const reversed = [...x.shape].reverse();
  return Array.from({ length: x.data.length }, (_, k) => at(x, unravel(k, reversed).reverse()));
}

// ---- the interpreter ----

const ELEMENTWISE: Record<string, (v: number) => number> = {
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  tanh: Math.tanh,
  sigmoid: (v) => 1 / (1 + Math.exp(-v)),
  sin: Math.sin,
  cos: Math.cos,
  abs: Math.abs,
  relu: (v) => (Number.isNaN(v) ? v : Math.max(v, 0)),
  softplus: (v) => Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v))),
};

function integer(e: Expr, what: string): number {
  const v = constantValue(e);
  if (v === undefined || !Number.isInteger(v))
    throw new Error(`${what} must be an integer constant`);
  return v;
}

function square(x: NdArray, fn: string): number {
  if (x.shape.length !== 2 || x.shape[0] !== x.shape[1])
    throw new Error(`${fn}: needs a square matrix`);
  return x.shape[0];
}

function call(fn: string, args: Expr[], values: Record<string, NdArray>): NdArray {
  const arity = (n: number) => {
    if (args.length !== n) throw new Error(`${fn} takes ${n} arguments, got ${args.length}`);
  };
  if (fn === "einsum") {
    const spec = args[0];
    if (spec?.kind !== "string") throw new Error("einsum: the first argument must be a string");
    const operands = args.slice(1).map((a) => evaluate(a, values));
    return einsum(spec.value, operands);
  }
  if (fn === "eye") {
    arity(1);
    const n = integer(args[0], "eye's size");
    return build([n, n], ([i, j]) => (i === j ? 1 : 0));
  }
  if (fn === "unvec") {
    arity(3);
    const [rows, cols] = [integer(args[1], "unvec's rows"), integer(args[2], "unvec's cols")];
    const flat = vec(evaluate(args[0], values));
    if (flat.length !== rows * cols) throw new Error("unvec: size mismatch");
    return build([rows, cols], ([i, j]) => flat[j * rows + i]);
  }
  if (fn === "sum" && args.length === 2) {
    const x = evaluate(args[0], values);
    let axis = integer(args[1], "sum's axis");
    if (axis < 0) axis += x.shape.length;
    if (axis < 0 || axis >= x.shape.length) throw new Error("sum: axis out of range");
    return reduceAxis(x, axis, total);
  }
  if (fn === "outer" || fn === "kron") {
    arity(2);
    const [a, b] = args.map((e) => evaluate(e, values));
    return fn === "kron"
      ? kron(a, b)
      : build([a.data.length, b.data.length], ([i, j]) => a.data[i] * b.data[j]);
  }
  arity(1);
  const x = evaluate(args[0], values);
  const elementwise = ELEMENTWISE[fn];
  if (elementwise) return map(x, elementwise);
  const last = x.shape.length - 1;
  switch (fn) {
    case "sum":
      return scalar(total(x.data));
    case "mean":
      return scalar(total(x.data) / x.data.length);
    case "norm":
      return scalar(Math.sqrt(total(x.data.map((v) => v * v))));
    case "tr":
      return scalar(total(Array.from({ length: square(x, fn) }, (_, i) => at(x, [i, i]))));
    case "det":
      return scalar(determinant(x.data, square(x, fn)));
    case "logdet":
      return scalar(Math.log(Math.abs(determinant(x.data, square(x, fn)))));
    case "inv":
      return { shape: [...x.shape], data: inverse(x.data, square(x, fn)) };
    case "diag":
      if (x.shape.length === 1)
        return build([x.shape[0], x.shape[0]], ([i, j]) => (i === j ? x.data[i] : 0));
      if (x.shape.length !== 2) throw new Error("diag: needs a vector or a matrix");
      return build([Math.min(x.shape[0], x.shape[1])], ([i]) => at(x, [i, i]));
    case "vec":
      return { shape: [x.data.length], data: vec(x) };
    case "softmax":
      if (last < 0) throw new Error("softmax: needs at least one axis");
      return build([...x.shape], (idx) => {
        const values = lane(x, last, idx.slice(0, -1));
        return Math.exp(values[idx[last]] - logSumExp(values));
      });
    case "logsumexp":
      if (last < 0) throw new Error("logsumexp: needs at least one axis");
      return reduceAxis(x, last, logSumExp);
  }
  throw new Error(`unsupported function ${fn}`);
}

const BINARY: Record<string, (u: number, w: number) => number> = {
  "+": (u, w) => u + w,
  "-": (u, w) => u - w,
  "*": (u, w) => u * w,
  "/": (u, w) => u / w,
};

function evaluate(e: Expr, values: Record<string, NdArray>): NdArray {
  switch (e.kind) {
    case "number":
      return scalar(e.value);
    case "name": {
      const v = values[e.name];
      if (!v) throw new Error(`no value for ${e.name}`);
      return v;
    }
    case "neg":
      return map(evaluate(e.arg, values), (v) => -v);
    case "transpose": {
      const x = evaluate(e.arg, values);
      return build([...x.shape].reverse(), (idx) => at(x, [...idx].reverse()));
    }
    case "binary": {
      const a = evaluate(e.left, values);
      if (e.op === "**") {
        const p = constantValue(e.right);
        if (p === undefined) throw new Error("**: the exponent must be a constant");
        return map(a, (v) => v ** p);
      }
      const b = evaluate(e.right, values);
      if (e.op === "@") return matmul(a, b);
      if (e.op === "kron") return kron(a, b);
      return zipWith(a, b, e.op, BINARY[e.op]);
    }
    case "call":
      return call(e.fn, e.args, values);
    case "string":
      throw new Error("a string is only allowed as einsum's first argument");
  }
}

/** The value of `source` (declarations allowed, checked against the values' shapes) at `values`. */
export function interpret(source: string, values: Record<string, NdArray>): NdArray {
  const program = parse(source);
  for (const d of program.declarations) {
    for (const { name } of d.names) {
      const v = values[name];
      const fixed = d.dims.every((dim) => typeof dim === "number");
      if (v && fixed && v.shape.join() !== d.dims.join())
        throw new Error(`${name}: shape mismatch`);
    }
  }
  return evaluate(program.body, values);
}
