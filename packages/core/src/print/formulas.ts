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
import { evaluate } from "../api.js";
import type { Tensor } from "../evaluate/tensor.js";
import { permute } from "../network/ops.js";
import type { Network, Shape } from "../network/types.js";
import { networkKey } from "../simplify/canonical.js";
import { simplify } from "../simplify/simplify.js";
import { checkFormulaArgs } from "../validate.js";
import { type Certifier, certifier } from "./certify.js";
import { declare } from "./declarations.js";
import { differentialName, differentialNetwork } from "./differential.js";
import { tryEinsumForm } from "./einsumForm.js";
import { freeIndexNames, IndexNames } from "./index/indexNames.js";
import { latexIndex, namedIndexNotation, unicodeIndex } from "./index/named.js";
import { abbreviate } from "./matrix/abbreviate.js";
import { diagonalsAsHadamard } from "./matrix/diagonals.js";
import { exprKey, type MExpr, transpose } from "./matrix/expr.js";
import { foldMatrixPowers } from "./matrix/matrixPowers.js";
import { networkExpr } from "./matrix/read.js";
import { inputFormula } from "./render/input.js";
import { latexFormula } from "./render/latex.js";
import { textFormula } from "./render/text.js";
import { contractTrailing, vecMatrix } from "./vec/reference.js";
import { vectorized } from "./vec/vectorize.js";

export type Layout = "numerator" | "denominator";

export interface FormulaOptions {
  layout?: Layout;
}

export interface Formulas {
  /**
   * Input language: re-parseable, evaluates to the derivative (certified: checked at random values
   * before it is shown; a matrix form that fails gives way to the einsum form, said in `notes`).
   */
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
  if (e.op === "mul" && e.coeff.value === 0) return { text: "0", latex: "0" };
  const { expr, where } = abbreviate(e, taken);
  const clause = (render: (e: MExpr) => string, sep: string) =>
    where.length ? `${sep}${where.map(([n, x]) => `${n} = ${render(x)}`).join(", ")}` : "";
  return {
    text: `${textFormula(expr)}${clause(textFormula, ", where ")}`,
    latex: `${latexFormula(expr)}${clause(latexFormula, ",\\quad ")}`,
  };
}

/**
 * The input-language formula with the subexpressions text and LaTeX name bound in front, as a
 * NumPy script would: `h = tanh(W1 @ x + b1); 2 * outer(…h…, x)`, which `diagrad eval` re-parses.
 */
function bound(e: MExpr, taken: ReadonlySet<string>): string {
  const { expr, where } = abbreviate(e, taken);
  return `${where.map(([n, x]) => `${n} = ${inputFormula(x)}; `).join("")}${inputFormula(expr)}`;
}

function isSymmetric(net: Network): boolean | undefined {
  if (net.shape.length !== 2 || net.shape[0] !== net.shape[1]) return undefined;
  return networkKey(simplify(permute(net, [1, 0]))) === networkKey(net);
}

const hasEinsum = (e: MExpr): boolean => exprKey(e).includes("einsum(");

/** Every dimension symbol of the variables' shapes: index names must not take them. */
function dimensionSymbols(d: Derivative): string[] {
  const shapes = [...d.variables.values(), d.wrtShape];
  return shapes.flatMap((s) => s.flatMap((x) => (typeof x === "string" ? x.split("*") : [])));
}

/** The dimension symbols that coefficients print as sizes (1/m in a mean), boxes included. */
function sizeSymbols(net: Network, out = new Set<string>()): Set<string> {
  for (const t of net.terms) {
    for (const k of Object.keys(t.coeff.dims)) out.add(k);
    t.graph.forEachNode((_n, a) => {
      if (a.kind === "box") sizeSymbols(a.inner, out);
    });
  }
  return out;
}

/**
 * The matrix form `e` when it is certified; else the einsum form of `net` when that is; else
 * undefined. `notes` says which was shown.
 */
function certifiedFormula(
  e: MExpr,
  net: Network,
  check: Certifier,
  declared: (e: MExpr) => string,
  notes: string[],
  what: string,
): { expr: MExpr; formula: string; matrix: boolean } | undefined {
  const formula = declared(e);
  if (check.check(formula)) return { expr: e, formula, matrix: true };
  const plain = tryEinsumForm(net);
  const fallback = plain && declared(plain);
  if (plain && fallback && check.check(fallback)) {
    notes.push(
      `no matrix form for ${what} passed its numerical check: written with einsum (the index form)`,
    );
    return { expr: plain, formula: fallback, matrix: false };
  }
  notes.push(`no formula for ${what} passed its numerical check: see the index form`);
  return undefined;
}

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
    ...dimensionSymbols(d),
    ...net.shape.filter((s): s is string => typeof s === "string"),
  ]);
  const notes: string[] = [
    layout === "numerator"
      ? "numerator layout: Γ[out…, in…], the expression's axes first, then the variable's (as jax.jacobian)"
      : "denominator layout: Γ[in…, out…], the variable's axes first, then the expression's",
  ];
  if (outRank === 0)
    notes.push(
      "the expression is a scalar: the gradient has the variable's shape in either layout",
    );
  const names = new IndexNames(taken);
  // a dimension printed as a size (2/m) is no index name
  for (const symbol of sizeSymbols(net)) names.take(symbol);
  // with symbolic dimensions the variable's axes keep their names (Γ[p,q,m,n]); else i, j, k in order
  const symbolic = net.shape.some((s) => typeof s === "string");
  const first = symbolic ? variableAxes : [];
  const free = freeIndexNames(net.shape, first, names);
  const lhs = (g: string, sep: string, close: string) =>
    free.length ? `${g}${sep}${free.join(sep === "[" ? "," : " ")}${close}` : g;
  const index = `${lhs("Γ", "[", "]")} = ${namedIndexNotation(net, free, first, names, unicodeIndex)}`;
  const indexLatex = `${lhs("\\Gamma", "_{", "}")} = ${namedIndexNotation(net, free, first, names, latexIndex)}`;

  const variables = new Map(d.variables);
  if (!variables.has(d.wrt)) variables.set(d.wrt, d.wrtShape);
  const numbers = (values: Record<string, Tensor>) => evaluate({ ...d, network: net }, values);
  const declared = (x: MExpr) => declare(bound(x, taken), d.variables);
  const main = certifiedFormula(
    foldMatrixPowers(diagonalsAsHadamard(networkExpr(net))),
    net,
    certifier(variables, numbers),
    declared,
    notes,
    "the derivative",
  );
  if (main && hasEinsum(main.expr))
    notes.push("no matrix form for the whole result: formula written with einsum");
  const shown = main?.matrix ? readable(main.expr, taken) : { text: index, latex: indexLatex };
  const result: Formulas = {
    formula: main?.formula ?? "",
    text: shown.text,
    latex: shown.latex,
    index,
    index_latex: indexLatex,
    differential: "",
    layout,
    notes,
  };
  const symmetric = isSymmetric(net);
  if (symmetric !== undefined) {
    result.symmetric = symmetric;
    if (symmetric) notes.push("symmetric: Γᵀ = Γ");
  }
  // the vec form: of a Jacobian, or of the Hessian of a scalar (rows and columns vec(X))
  const hessian = d.order === 2 && outRank === 0;
  if (d.order === 1 || hessian) {
    const rows = hessian ? d.wrtShape.length : outRank;
    const vec = vectorized(d.network, rows);
    if (vec) {
      const v = layout === "numerator" || hessian ? vec : transpose(vec);
      const vecNumbers = (values: Record<string, Tensor>) =>
        vecMatrix(evaluate(d, values), rows, layout !== "numerator" && !hessian);
      const check = certifier(variables, vecNumbers);
      const formula = declared(v);
      if (check.check(formula)) {
        result.vec_formula = formula;
        // a reshape tensor left over is spelt out in the formula but has no name a reader knows
        if (!exprKey(v).includes("fuse[")) result.vec_text = readable(v, taken).text;
        notes.push(
          hessian
            ? `vec form: the Hessian ∂²f/∂vec(${d.wrt})∂vec(${d.wrt})ᵀ with column-major vec (Fortran order)`
            : `vec form: ∂vec(F)/∂vec(${d.wrt}) with column-major vec (Fortran order); ${
                layout === "numerator" ? "rows index vec(F), columns vec(" : "rows index vec("
              }${d.wrt}${layout === "numerator" ? ")" : "), columns vec(F)"}`,
        );
      } else notes.push("the vec form failed its numerical check and is not shown");
    }
  }

  result.differential = differentialForm(d, outRank, taken, variables, notes);
  return result;
}

/**
 * `dF = …`: the Jacobian contracted with d<wrt> on the variable's axes, certified against the
 * Jacobian's numbers contracted with random d<wrt>; the einsum form when the matrix form fails.
 */
function differentialForm(
  d: Derivative,
  outRank: number,
  taken: ReadonlySet<string>,
  variables: ReadonlyMap<string, Shape>,
  notes: string[],
): string {
  const dRank = d.network.shape.length - d.wrtShape.length;
  const dName = `d${d.wrt}`;
  const name = differentialName(outRank, d.order);
  if (variables.has(dName)) return `${name} = Γ · ${dName}`;
  const net = differentialNetwork(d.network, dRank, d.wrt, d.wrtShape);
  const withD = new Map(variables).set(dName, d.wrtShape);
  const numbers = (values: Record<string, Tensor>) =>
    contractTrailing(evaluate(d, values), values[dName]);
  const found = certifiedFormula(
    foldMatrixPowers(diagonalsAsHadamard(networkExpr(net))),
    net,
    certifier(withD, numbers),
    (x) => declare(bound(x, taken), withD),
    notes,
    "the differential",
  );
  return `${name} = ${found ? readable(found.expr, taken).text : `Γ · ${dName}`}`;
}
