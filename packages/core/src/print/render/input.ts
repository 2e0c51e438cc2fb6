/**
 * Rendering in diagrad's own expression language (LANGUAGE.md): the `formula` that `diagrad eval`
 * parses back into the same numbers.
 *
 * Python's precedence: `+ -` < `* / @` (left-associative, one level) < unary `-` < `**` <
 * postfix `.T` and calls; operands are parenthesised only where needed. Things the language has
 * no word for are spelt with what it has: a dimension `n` as a number is `tr(eye(n))`, the ones
 * vector of a product dimension `m*p` is `kron(ones(m), ones(p))`, and the reshape tensor
 * R[f, s, f + a·s] is an einsum of two Kronecker products of identities and ones.
 */
import type { Coefficient } from "../../network/coefficient.js";
import type { Dim } from "../../network/types.js";
import type { MExpr } from "../matrix/expr.js";

interface Out {
  s: string;
  level: number;
}

const ATOM = 5;
const wrap = (o: Out, min: number) => (o.level >= min ? o.s : `(${o.s})`);

function numberText(x: number): string {
  return String(Number.isInteger(x) ? x : Number(x.toPrecision(15)));
}

/** A dimension as a size argument: `n`, `3`, or a Kronecker product of identities for `m*p`. */
function eyeOf(dim: Dim): string {
  if (typeof dim === "number" || !dim.includes("*")) return `eye(${dim})`;
  return dim
    .split("*")
    .map((d) => `eye(${d})`)
    .reduce((a, b) => `kron(${a}, ${b})`);
}
function onesOf(dim: Dim): string {
  if (typeof dim === "number" || !dim.includes("*")) return `ones(${dim})`;
  return dim
    .split("*")
    .map((d) => `ones(${d})`)
    .reduce((a, b) => `kron(${a}, ${b})`);
}

function coefficientFactors(c: Coefficient): { value: number; up: string[]; down: string[] } {
  const dimText = (k: string, e: number) => Array<string>(Math.abs(e)).fill(`tr(${eyeOf(k)})`);
  const keys = Object.keys(c.dims).sort();
  const up = keys.filter((k) => c.dims[k] > 0).flatMap((k) => dimText(k, c.dims[k]));
  const down = keys.filter((k) => c.dims[k] < 0).flatMap((k) => dimText(k, c.dims[k]));
  return { value: c.value, up, down };
}

function mul(coeff: Coefficient, factors: readonly MExpr[]): Out {
  const { value, up, down } = coefficientFactors(coeff);
  const parts = [
    ...up,
    ...factors.map((f, k) => wrap(render(f), k === 0 && up.length === 0 ? 2 : 3)),
  ];
  const magnitude = Math.abs(value);
  if (magnitude !== 1 || parts.length === 0) parts.unshift(numberText(magnitude));
  let s = parts.join(" * ");
  if (down.length) s = `${s} / ${down.length > 1 ? `(${down.join(" * ")})` : down[0]}`;
  return value < 0 ? { s: `-${s}`, level: 2 } : { s, level: 2 };
}

function matmul(factors: readonly MExpr[]): Out {
  const first = factors[0];
  const last = factors[factors.length - 1];
  if (last.op === "ones" || first.op === "ones") {
    const inner = factors.slice(first.op === "ones" ? 1 : 0, last.op === "ones" ? -1 : undefined);
    if (inner.length === 0)
      return { s: `${onesOf(first.shape[0])} @ ${onesOf(last.shape[0])}`, level: 2 };
    const rest = render(
      inner.length === 1 ? inner[0] : { op: "matmul", factors: inner, shape: [] },
    ).s;
    const rank =
      inner.length === 1
        ? inner[0].shape.length
        : 2 - +(inner[0].shape.length === 1) - +(inner[inner.length - 1].shape.length === 1);
    if (rank <= 1 || (first.op === "ones" && last.op === "ones"))
      return { s: `sum(${rest})`, level: ATOM };
    return { s: `sum(${rest}, ${first.op === "ones" ? 0 : 1})`, level: ATOM };
  }
  return { s: factors.map((f, k) => wrap(render(f), k === 0 ? 2 : 3)).join(" @ "), level: 2 };
}

function call(name: string, args: readonly MExpr[]): Out {
  return { s: `${name}(${args.map((a) => render(a).s).join(", ")})`, level: ATOM };
}

function fn(e: Extract<MExpr, { op: "fn" }>): Out {
  const arg = render(e.arg);
  if (e.fn === "pow") return { s: `${wrap(arg, ATOM)} ** ${numberText(e.param ?? 1)}`, level: 4 };
  return { s: `${e.fn}(${arg.s})`, level: ATOM };
}

function render(e: MExpr): Out {
  switch (e.op) {
    case "var":
      return { s: e.name, level: ATOM };
    case "num":
      return { s: numberText(e.value), level: e.value < 0 ? 3 : ATOM };
    case "mul":
      return mul(e.coeff, e.factors);
    case "add": {
      const parts = e.terms.map((t, k) => {
        if (k > 0 && t.op === "num" && t.value < 0) return ` - ${numberText(-t.value)}`;
        if (k > 0 && t.op === "mul" && t.coeff.value < 0) {
          return ` - ${wrap(mul({ ...t.coeff, value: -t.coeff.value }, t.factors), 2)}`;
        }
        return `${k > 0 ? " + " : ""}${wrap(render(t), k > 0 ? 2 : 1)}`;
      });
      return { s: parts.join(""), level: 1 };
    }
    case "matmul":
      return matmul(e.factors);
    case "had":
      return { s: e.factors.map((f, k) => wrap(render(f), k === 0 ? 2 : 3)).join(" * "), level: 2 };
    case "T":
      return { s: `${wrap(render(e.arg), ATOM)}.T`, level: ATOM };
    case "Diag":
    case "diag":
      return call("diag", [e.arg]);
    case "tr":
    case "vec":
      return call(e.op, [e.arg]);
    case "outer":
      return call(e.op, [e.a, e.b]);
    case "kron": {
      // a vector next to a matrix is a column (I ⊗ e); NumPy's kron would take it as a row
      const side = (x: MExpr) =>
        e.shape.length === 2 && x.shape.length === 1 && !String(x.shape[0]).includes("*")
          ? `unvec(${render(x).s}, ${x.shape[0]}, 1)`
          : render(x).s;
      return { s: `kron(${side(e.a)}, ${side(e.b)})`, level: ATOM };
    }
    case "ones":
      return { s: onesOf(e.shape[0]), level: ATOM };
    case "eye":
      return { s: eyeOf(e.shape[0]), level: ATOM };
    case "fuse": {
      const [a, b] = e.shape;
      const s = `einsum('ak,bk->abk', kron(${onesOf(b)}, ${eyeOf(a)}), kron(${eyeOf(b)}, ${onesOf(a)}))`;
      return { s, level: ATOM };
    }
    case "fn":
      return fn(e);
    case "mpow":
      return call("matrix_power", [e.arg, { op: "num", value: e.k, shape: [] }]);
    case "einsum": {
      const spec = `${e.inputs.map((l) => l.join("")).join(",")}->${e.output.join("")}`;
      return { s: `einsum('${spec}', ${e.args.map((a) => render(a).s).join(", ")})`, level: ATOM };
    }
  }
}

/**
 * The expression in the input language: `inputFormula(matmul([A, x]))` → `"A @ x"`;
 * `inputFormula(kron(eye(n), W) Diag(vec B))` → `"kron(eye(n), W) @ diag(vec(B))"`.
 */
export function inputFormula(e: MExpr): string {
  return render(e).s;
}
