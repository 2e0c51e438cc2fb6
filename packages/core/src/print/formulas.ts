/**
 * Every printed form of a derivative, from one call: the entry point of the CLI's JSON output.
 *
 * `formula` is in the input language (so `diagrad eval` of it gives the derivative's numbers),
 * `text` and `latex` are the same expression in Unicode and LaTeX, `index` is index notation with
 * the seeds' naming, `vec_formula`/`vec_text` the vectorized Jacobian (when the expression and the
 * variable are vectors or matrices), `differential` the differential form, and `notes` say which
 * conventions apply (layout, vec, names). The layout is numerator by default (Γ[out…, in…], as
 * `jax.jacobian`); denominator puts the variable's axes first.
 */

import type { Derivative } from "../api.js";
import { permute } from "../network/ops.js";
import type { Network } from "../network/types.js";
import { networkKey } from "../simplify/canonical.js";
import { simplify } from "../simplify/simplify.js";
import { checkFormulaArgs } from "../validate.js";
import { declare } from "./declarations.js";
import { differentialExpr, differentialName } from "./differential.js";
import { freeIndexNames, IndexNames } from "./index/indexNames.js";
import { latexIndex, namedIndexNotation, unicodeIndex } from "./index/named.js";
import { abbreviate } from "./matrix/abbreviate.js";
import { exprKey, type MExpr, transpose } from "./matrix/expr.js";
import { networkExpr } from "./matrix/read.js";
import { inputFormula } from "./render/input.js";
import { latexFormula } from "./render/latex.js";
import { textFormula } from "./render/text.js";
import { vectorized } from "./vec/vectorize.js";

export type Layout = "numerator" | "denominator";

export interface FormulaOptions {
  layout?: Layout;
}

export interface Formulas {
  /** Input language: re-parseable, evaluates to the derivative. */
  formula: string;
  text: string;
  latex: string;
  /** `Γ[p,q,m,n] = W[p,m] B[m,n] δ[q,n]`. */
  index: string;
  /** `\Gamma_{p q m n} = W_{p m} B_{m n} \delta_{q n}`. */
  index_latex: string;
  /** ∂vec(F)/∂vec(A) in the input language (column-major vec). */
  vec_formula?: string;
  vec_text?: string;
  /** `dF = W (B ∘ dA)`. */
  differential: string;
  layout: Layout;
  /** Set for square matrix results: whether Γ = Γᵀ. */
  symmetric?: boolean;
  notes: string[];
}

/** Text and LaTeX with repeated softmax named `s`, and the `where` clauses. */
function readable(e: MExpr, taken: ReadonlySet<string>) {
  const { expr, where } = abbreviate(e, taken);
  const clause = (render: (e: MExpr) => string, sep: string) =>
    where.length ? `${sep}${where.map(([n, x]) => `${n} = ${render(x)}`).join(", ")}` : "";
  return {
    text: `${textFormula(expr)}${clause(textFormula, ", where ")}`,
    latex: `${latexFormula(expr)}${clause(latexFormula, ",\\quad ")}`,
  };
}

function isSymmetric(net: Network): boolean | undefined {
  if (net.shape.length !== 2 || net.shape[0] !== net.shape[1]) return undefined;
  return networkKey(simplify(permute(net, [1, 0]))) === networkKey(net);
}

const hasEinsum = (e: MExpr): boolean => exprKey(e).includes("einsum(");

/**
 * All the forms of `d`: `formulas(derivative({ source: "x @ A @ x", wrt: "x" })).text` is
 * `"(A + Aᵀ) x"`; with `{ layout: "denominator" }` a Jacobian comes transposed.
 */
export function formulas(d: Derivative, options: FormulaOptions = {}): Formulas {
  checkFormulaArgs(d, options);
  const layout = options.layout ?? "numerator";
  const outRank = d.expression.shape.length;
  const inRank = d.wrtShape.length * d.order;
  const rank = outRank + inRank;
  const order =
    layout === "numerator"
      ? [...Array(rank).keys()]
      : [...Array(rank).keys()].map((k) => (k < inRank ? outRank + k : k - inRank));
  const net =
    layout === "numerator" || outRank === 0 ? d.network : simplify(permute(d.network, order));
  const variableAxes =
    layout === "numerator" || outRank === 0
      ? order.slice(outRank)
      : order.slice(0, inRank).map((_, k) => k);
  const taken = new Set([
    ...d.variables.keys(),
    ...net.shape.filter((s): s is string => typeof s === "string"),
  ]);
  const e = networkExpr(net);
  const notes: string[] = [
    layout === "numerator"
      ? "numerator layout: Γ[out…, in…], the expression's axes first, then the variable's (as jax.jacobian)"
      : "denominator layout: Γ[in…, out…], the variable's axes first, then the expression's",
  ];
  if (outRank === 0)
    notes.push(
      "the expression is a scalar: the gradient has the variable's shape in either layout",
    );
  if (hasEinsum(e)) notes.push("no matrix form for the whole result: formula written with einsum");
  const { text, latex } = readable(e, taken);
  const names = new IndexNames(taken);
  // with symbolic dimensions the variable's axes keep their names (Γ[p,q,m,n]); else i, j, k in order
  const symbolic = net.shape.some((s) => typeof s === "string");
  const first = symbolic ? variableAxes : [];
  const free = freeIndexNames(net.shape, first, names);
  const lhs = (g: string, sep: string, close: string) =>
    free.length ? `${g}${sep}${free.join(sep === "[" ? "," : " ")}${close}` : g;
  const result: Formulas = {
    formula: declare(inputFormula(e), d.variables),
    text,
    latex,
    index: `${lhs("Γ", "[", "]")} = ${namedIndexNotation(net, free, first, names, unicodeIndex)}`,
    index_latex: `${lhs("\\Gamma", "_{", "}")} = ${namedIndexNotation(net, free, first, names, latexIndex)}`,
    differential: "",
    layout,
    notes,
  };
  const symmetric = isSymmetric(net);
  if (symmetric !== undefined) {
    result.symmetric = symmetric;
    if (symmetric) notes.push("symmetric: Γᵀ = Γ");
  }
  if (d.order === 1) {
    const vec = vectorized(d.network, outRank);
    if (vec) {
      const v = layout === "numerator" ? vec : transpose(vec);
      result.vec_formula = declare(inputFormula(v), d.variables);
      result.vec_text = readable(v, taken).text;
      notes.push(
        `vec form: ∂vec(F)/∂vec(${d.wrt}) with column-major vec (Fortran order); ${
          layout === "numerator" ? "rows index vec(F), columns vec(" : "rows index vec("
        }${d.wrt}${layout === "numerator" ? ")" : "), columns vec(F)"}`,
      );
    }
  }
  const dRank = d.network.shape.length - d.wrtShape.length;
  const differential = differentialExpr(d.network, dRank, d.wrt, d.wrtShape);
  result.differential = `${differentialName(outRank, d.order)} = ${readable(differential, taken).text}`;
  return result;
}
