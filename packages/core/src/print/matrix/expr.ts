/**
 * The matrix-algebra expression tree that networks are read into before printing.
 *
 * A small AST of matrix operations: variables, products (`matmul` chains, where a vector factor
 * can only stand at an end and is a row vector on the left, as NumPy's `@`), Hadamard products,
 * sums, scalar multiples, transposes, `Diag`/`diag`, traces, outer and Kronecker products, `vec`,
 * function applications, and `einsum` for what has no matrix form. Every node knows its shape.
 * The constructors flatten nested sums and products, so equal formulas get equal trees, and
 * `exprKey` gives a structural key for comparing them. Renderers (input language, Unicode,
 * LaTeX) walk this tree; nothing here depends on graphs.
 */
import type { Coefficient } from "../../network/coefficient.js";
import { one } from "../../network/coefficient.js";
import type { BoxFn, Dim } from "../../network/types.js";

type Shape = readonly Dim[];

export type MExpr =
  | { op: "var"; name: string; shape: Shape }
  | { op: "num"; value: number; shape: Shape }
  | { op: "mul"; coeff: Coefficient; factors: readonly MExpr[]; shape: Shape }
  | { op: "add"; terms: readonly MExpr[]; shape: Shape }
  | { op: "matmul"; factors: readonly MExpr[]; shape: Shape }
  | { op: "had"; factors: readonly MExpr[]; shape: Shape }
  | { op: "T" | "Diag" | "diag" | "tr" | "vec"; arg: MExpr; shape: Shape }
  | { op: "outer" | "kron"; a: MExpr; b: MExpr; shape: Shape }
  | { op: "ones" | "eye" | "fuse"; shape: Shape }
  | { op: "fn"; fn: BoxFn; param?: number; arg: MExpr; shape: Shape }
  /** A square matrix times itself k times (NumPy's matrix_power). */
  | { op: "mpow"; arg: MExpr; k: number; shape: Shape }
  | {
      op: "einsum";
      inputs: readonly string[][];
      output: readonly string[];
      args: readonly MExpr[];
      shape: Shape;
    };

export type Op = MExpr["op"];

/** `variable("A", ["m", "n"])`: a named tensor. */
export const variable = (name: string, shape: Shape): MExpr => ({ op: "var", name, shape });
/** The scalar `value` (broadcast where a tensor is expected, as NumPy does). */
export const num = (value: number): MExpr => ({ op: "num", value, shape: [] });
/** The ones vector `𝟏` of length `n`. */
export const ones = (n: Dim): MExpr => ({ op: "ones", shape: [n] });
/** The identity `I` of size `n`. */
export const eye = (n: Dim): MExpr => ({ op: "eye", shape: [n, n] });
/** The reshape tensor R[fast, slow, fast + |fast|·slow] behind vec and kron. */
export const fuse = (shape: Shape): MExpr => ({ op: "fuse", shape });

/** `c · f₁ · f₂ ⋯`: all factors but the last are scalars; `mul(one, [x])` is just `x`. */
export function mul(coeff: Coefficient, factors: readonly MExpr[]): MExpr {
  let c = coeff;
  const flat: MExpr[] = [];
  for (const f of factors) {
    if (f.op === "mul") {
      c = { value: c.value * f.coeff.value, dims: mergeDims(c.dims, f.coeff.dims) };
      flat.push(...f.factors);
    } else if (!(f.op === "num" && f.value === 1 && factors.length > 1)) flat.push(f);
  }
  const scalarsFirst = [
    ...flat.filter((f) => f.shape.length === 0),
    ...flat.filter((f) => f.shape.length > 0),
  ];
  const plain = Object.keys(c.dims).length === 0;
  if (plain && scalarsFirst.length === 1 && scalarsFirst[0].op === "num")
    return num(c.value * scalarsFirst[0].value);
  if (c.value === 1 && plain && scalarsFirst.length === 1) return scalarsFirst[0];
  const shape = scalarsFirst.length ? scalarsFirst[scalarsFirst.length - 1].shape : [];
  return { op: "mul", coeff: c, factors: scalarsFirst, shape };
}

function mergeDims(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>) {
  const dims: Record<string, number> = { ...a };
  for (const [k, e] of Object.entries(b)) {
    dims[k] = (dims[k] ?? 0) + e;
    if (dims[k] === 0) delete dims[k];
  }
  return dims;
}

/** `-e`, folded into a `mul`. */
export const negate = (e: MExpr): MExpr => mul({ value: -1, dims: {} }, [e]);

/** `t₁ + t₂ + ⋯` (nested sums are flattened). */
export function add(terms: readonly MExpr[]): MExpr {
  const nested = terms.flatMap((t) => (t.op === "add" ? t.terms : [t]));
  if (nested.length === 1) return nested[0];
  // 𝟏 + u is 1 + u where u has 𝟏's shape (NumPy broadcasts the scalar)
  const full = nested.some((t) => t.shape.length === 1 && t.op !== "ones");
  const plain = full ? nested.map((t) => (t.op === "ones" ? num(1) : t)) : nested;
  // a sum reads from a positive term: 1 − σ, not −σ + 1
  const negative = (t: MExpr) =>
    (t.op === "mul" && t.coeff.value < 0) || (t.op === "num" && t.value < 0);
  const lead = negative(plain[0]) ? plain.findIndex((t) => !negative(t)) : -1;
  const flat = lead > 0 ? [plain[lead], ...plain.filter((_, k) => k !== lead)] : plain;
  const shape = flat.reduce<Shape>((s, t) => (t.shape.length > s.length ? t.shape : s), []);
  return { op: "add", terms: flat, shape };
}

/** The product `f₁ @ f₂ @ ⋯` (NumPy's rules for vectors at the ends). */
export function matmul(factors: readonly MExpr[]): MExpr {
  const flat = factors.flatMap((f) => (f.op === "matmul" ? f.factors : [f]));
  if (flat.length === 1) return flat[0];
  const first = flat[0].shape;
  const last = flat[flat.length - 1].shape;
  const shape = [
    ...(first.length === 2 ? [first[0]] : []),
    ...(last.length === 2 ? [last[1]] : []),
  ];
  return { op: "matmul", factors: flat, shape };
}

/** The Hadamard product `f₁ ∘ f₂ ∘ ⋯` (nested ones are flattened). */
export function hadamard(factors: readonly MExpr[]): MExpr {
  const flat = factors.flatMap((f) => (f.op === "had" ? f.factors : [f]));
  if (flat.length === 1) return flat[0];
  return { op: "had", factors: flat, shape: flat.find((f) => f.shape.length > 0)?.shape ?? [] };
}

export const unary = (
  op: "T" | "Diag" | "diag" | "tr" | "vec",
  arg: MExpr,
  shape: Shape,
): MExpr => ({ op, arg, shape });
export const outer = (a: MExpr, b: MExpr): MExpr => ({
  op: "outer",
  a,
  b,
  shape: [a.shape[0], b.shape[0]],
});
export const kron = (a: MExpr, b: MExpr, shape: Shape): MExpr => ({ op: "kron", a, b, shape });
export const apply = (fn: BoxFn, arg: MExpr, shape: Shape, param?: number): MExpr =>
  param === undefined ? { op: "fn", fn, arg, shape } : { op: "fn", fn, param, arg, shape };
/** `Diag(v)`: the diagonal matrix of a vector. */
export const diagMatrix = (v: MExpr): MExpr => unary("Diag", v, [v.shape[0], v.shape[0]]);

export const isScalar = (e: MExpr) => e.shape.length === 0;

/** Functions whose result is symmetric whenever it is square: nothing to transpose. */
const symmetricOps = new Set<Op>(["Diag", "eye"]);

/**
 * The transpose of a matrix expression, pushed inwards where that reads better:
 * `transpose(matmul([A, B]))` is `Bᵀ Aᵀ`; vectors and scalars are their own transpose.
 */
export function transpose(e: MExpr): MExpr {
  if (e.shape.length !== 2) return e;
  const shape = [e.shape[1], e.shape[0]];
  switch (e.op) {
    case "T":
      return e.arg;
    case "matmul":
      return matmul([...e.factors].reverse().map(transpose));
    case "add":
      return add(e.terms.map(transpose));
    case "mul":
      return mul(e.coeff, e.factors.map(transpose));
    case "outer":
      return outer(e.b, e.a);
    case "kron":
      return kron(transpose(e.a), transpose(e.b), shape);
    case "einsum":
      return { ...e, output: [...e.output].reverse(), shape };
    case "mpow":
      return { ...e, arg: transpose(e.arg) };
    default:
      if (symmetricOps.has(e.op)) return e;
  }
  return unary("T", e, shape);
}

const keys = new WeakMap<MExpr, string>();

/** A structural key: equal keys ⇔ equal trees. */
export function exprKey(e: MExpr): string {
  let k = keys.get(e);
  if (k !== undefined) return k;
  switch (e.op) {
    case "var":
      k = `${e.name}:${e.shape.join(",")}`;
      break;
    case "num":
      k = `#${e.value}`;
      break;
    case "mul":
      k = `mul(${e.coeff.value}*${JSON.stringify(e.coeff.dims)};${e.factors.map(exprKey).join(";")})`;
      break;
    case "add":
    case "matmul":
    case "had":
      k = `${e.op}(${(e.op === "matmul" ? e.factors : e.op === "had" ? e.factors : e.terms).map(exprKey).join(";")})`;
      break;
    case "outer":
    case "kron":
      k = `${e.op}(${exprKey(e.a)};${exprKey(e.b)})`;
      break;
    case "ones":
    case "eye":
    case "fuse":
      k = `${e.op}[${e.shape.join(",")}]`;
      break;
    case "fn":
      k = `${e.fn}${e.param ?? ""}(${exprKey(e.arg)})[${e.shape.length}]`;
      break;
    case "mpow":
      k = `mpow${e.k}(${exprKey(e.arg)})`;
      break;
    case "einsum":
      k = `einsum(${e.inputs.map((l) => l.join("")).join(",")}->${e.output.join("")};${e.args.map(exprKey).join(";")})`;
      break;
    default:
      k = `${e.op}(${exprKey(e.arg)})`;
  }
  keys.set(e, k);
  return k;
}

export { one };
