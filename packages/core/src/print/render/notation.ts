/**
 * Mathematical notation, shared by the Unicode and LaTeX renderers: what differs between them
 * (the symbols, superscripts, function names) is a `Style`; the structure is the same.
 *
 * Juxtaposition is the matrix product and binds tightest among the binary operations, then `∘`,
 * then `⊗`, then `+`/`−`: `W (B ∘ dA)`, `(I ⊗ W) Diag(vec B)`, `Az ∘ tanh(Bz)`. A vector at the
 * left of a product is transposed (`xᵀ A y`), `inv(X)` is `X⁻¹` and its transpose `X⁻ᵀ`, an outer
 * product is `a bᵀ`, and the square of a function application is written `tanh²(Bz)`.
 */
import type { Coefficient } from "../../network/coefficient.js";
import type { MExpr } from "../matrix/expr.js";

export interface Style {
  minus: string;
  had: string;
  kron: string;
  /** `X` → `Xᵀ` / `X^\top`. */
  transpose: (base: string) => string;
  /** `X`, −1 → `X⁻¹`; `X`, 2 → `X²`. */
  power: (base: string, p: number) => string;
  /** The inverse transpose `X⁻ᵀ`. */
  inverseTranspose: (base: string) => string;
  /** `tanh`, 2 → `tanh²` (applied as `tanh²(…)`). */
  fnPower: (name: string, p: number) => string;
  fnName: (fn: string) => string;
  norm: (arg: string) => string;
  operator: (name: string) => string;
  /** `vec B` for a variable. */
  vecOf: (arg: string, atomic: boolean) => string;
  ones: string;
  eye: string;
  name: (name: string) => string;
  coefficient: (c: Coefficient) => string;
  einsum: (spec: string, args: string[]) => string;
}

interface Out {
  s: string;
  level: number;
}
const ATOM = 5;
const PRODUCT = 4;
const HAD = 3;
const KRON = 2;

/**
 * The notation of `e` in `style`: `notation(matmul([A, x]), unicode)` → `"A x"`.
 */
export function notation(e: MExpr, style: Style): string {
  const wrap = (o: Out, min: number) => (o.level >= min ? o.s : `(${o.s})`);
  const atom = (s: string): Out => ({ s, level: ATOM });
  const render = (e: MExpr): Out => {
    switch (e.op) {
      case "var":
        return atom(style.name(e.name));
      case "num":
        return {
          s: e.value < 0 ? `${style.minus}${-e.value}` : String(e.value),
          level: e.value < 0 ? PRODUCT : ATOM,
        };
      case "mul": {
        const c = style.coefficient(e.coeff);
        const body = e.factors.map((f) => wrap(render(f), PRODUCT)).join(" ");
        if (!body)
          return {
            s: c === "" ? "1" : c === "-" ? `${style.minus}1` : c.replace(/^-/, style.minus),
            level: PRODUCT,
          };
        const sign = c.startsWith("-") ? style.minus : "";
        const magnitude = c.replace(/^-/, "");
        return { s: `${sign}${magnitude ? `${magnitude} ` : ""}${body}`, level: PRODUCT };
      }
      case "add":
        return {
          s: e.terms
            .map((t, k) => {
              if (k > 0 && t.op === "mul" && t.coeff.value < 0) {
                return ` ${style.minus} ${render({ ...t, coeff: { ...t.coeff, value: -t.coeff.value } }).s}`;
              }
              if (k > 0 && t.op === "num" && t.value < 0) return ` ${style.minus} ${-t.value}`;
              return `${k > 0 ? " + " : ""}${render(t).s}`;
            })
            .join(""),
          level: 1,
        };
      case "matmul":
        return {
          s: e.factors
            .map((f, k) =>
              k === 0 && f.shape.length === 1
                ? style.transpose(wrap(render(f), ATOM))
                : wrap(render(f), ATOM),
            )
            .join(" "),
          level: PRODUCT,
        };
      case "had":
        return {
          // a product ending in a bracket is bracketed whole: (W2ᵀ (W2 h − y)) ∘ (1 − h²)
          s: e.factors
            .map((f) => {
              const o = render(f);
              return f.op === "matmul" && /[)}]$/.test(o.s) ? `(${o.s})` : wrap(o, PRODUCT);
            })
            .join(` ${style.had} `),
          level: HAD,
        };
      case "kron":
        return {
          s: `${wrap(render(e.a), PRODUCT)} ${style.kron} ${wrap(render(e.b), PRODUCT)}`,
          level: KRON,
        };
      case "outer":
        return {
          s: `${wrap(render(e.a), ATOM)} ${style.transpose(wrap(render(e.b), ATOM))}`,
          level: PRODUCT,
        };
      case "T":
        if (e.arg.op === "fn" && e.arg.fn === "inv")
          return atom(style.inverseTranspose(wrap(render(e.arg.arg), ATOM)));
        return atom(style.transpose(wrap(render(e.arg), ATOM)));
      case "Diag":
      case "diag":
      case "tr":
        return atom(`${style.operator(e.op)}(${render(e.arg).s})`);
      case "vec":
        return atom(style.vecOf(wrap(render(e.arg), ATOM), e.arg.op === "var"));
      case "ones":
        return atom(style.ones);
      case "eye":
        return atom(style.eye);
      case "fuse":
        return atom("R");
      case "einsum": {
        const spec = `${e.inputs.map((l) => l.join("")).join(",")}->${e.output.join("")}`;
        return atom(
          style.einsum(
            spec,
            e.args.map((a) => render(a).s),
          ),
        );
      }
      case "mpow": {
        const arg = render(e.arg);
        return atom(style.power(e.arg.op === "var" ? arg.s : `(${arg.s})`, e.k));
      }
      case "fn": {
        const arg = render(e.arg);
        if (e.fn === "inv") return atom(style.power(wrap(arg, ATOM), -1));
        if (e.fn === "norm") return atom(style.norm(arg.s));
        if (e.fn !== "pow") return atom(`${style.fnName(e.fn)}(${arg.s})`);
        const p = e.param ?? 1;
        const inner = e.arg;
        if (
          inner.op === "fn" &&
          !["pow", "inv", "norm"].includes(inner.fn) &&
          Number.isInteger(p) &&
          p > 0
        ) {
          return atom(`${style.fnPower(style.fnName(inner.fn), p)}(${render(inner.arg).s})`);
        }
        return atom(style.power(wrap(arg, ATOM), p));
      }
    }
  };
  return render(e).s;
}
