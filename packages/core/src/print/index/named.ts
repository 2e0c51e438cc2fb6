/**
 * Index notation with the seeds' naming: `Γ[p,q,m,n] = W[p,m] B[m,n] δ[q,n]`.
 *
 * Each term is a product of its tensors and boxes (in the term's order) followed by the δ's that
 * join output axes meeting one copy tensor; indices not on the left are summed. A copy tensor
 * that reaches free axes takes the name of the first of them to be named (the variable's axes
 * come first), so B[m,n] keeps the variable's `n` and the output axis gets δ[q,n]. Elementwise
 * boxes print their inner expression with their own indices (`tanh(B[i,a] z[a])`); other boxes
 * print their argument in matrix notation (`X⁻¹[n,m]`, `softmax(z)[i]`, `‖A x − b‖`).
 * One function renders both Unicode and LaTeX through a small `IndexStyle`.
 */
import type { Coefficient } from "../../network/coefficient.js";
import { wireEnds } from "../../network/graph.js";
import type { Network, Term } from "../../network/types.js";
import { elementwiseFunctions } from "../../network/types.js";
import { formatCoefficient } from "../coefficient.js";
import { apply, type MExpr } from "../matrix/expr.js";
import { networkExpr } from "../matrix/read.js";
import { latexFormula } from "../render/latex.js";
import { superscript, textFormula } from "../render/text.js";
import type { IndexNames } from "./indexNames.js";

export interface IndexStyle {
  tensor: (name: string, idx: readonly string[]) => string;
  delta: (a: string, b: string) => string;
  fn: (fn: string, param: number | undefined, inner: string) => string;
  /** Σ over `idx` of `body`: a sum the summation convention cannot say (an index used once). */
  sum: (idx: readonly string[], body: string) => string;
  /** A non-elementwise box: its matrix notation, indexed. */
  box: (e: MExpr, idx: readonly string[]) => string;
  coefficient: (c: Coefficient) => string;
  minus: string;
}

export const unicodeIndex: IndexStyle = {
  tensor: (name, idx) => (idx.length ? `${name}[${idx.join(",")}]` : name),
  delta: (a, b) => `δ[${a},${b}]`,
  fn: (fn, p, inner) => (fn === "pow" ? powerText(inner, p ?? 1) : `${fn}(${inner})`),
  sum: (idx, body) => `Σ_${idx.join(",")} ${body}`,
  box: (e, idx) => unicodeIndex.tensor(idx.length ? atomText(textFormula(e)) : textFormula(e), idx),
  coefficient: formatCoefficient,
  minus: "−",
};

export const latexIndex: IndexStyle = {
  tensor: (name, idx) => (idx.length ? `${name}_{${idx.join(" ")}}` : name),
  delta: (a, b) => `\\delta_{${a} ${b}}`,
  fn: (fn, p, inner) =>
    fn === "pow"
      ? `\\left(${inner}\\right)^{${p}}`
      : `\\operatorname{${fn}}\\left(${inner}\\right)`,
  sum: (idx, body) => `\\sum_{${idx.join(" ")}} ${body}`,
  box: (e, idx) =>
    latexIndex.tensor(idx.length ? `\\left(${latexFormula(e)}\\right)` : latexFormula(e), idx),
  coefficient: (c) =>
    formatCoefficient(c)
      .replace(/1\/\(?([^)]*)\)?$/, "\\frac{1}{$1}")
      .replace(/·/g, " "),
  minus: "-",
};

/** Whether `s` needs no parentheses before an index or exponent: `X⁻¹`, `softmax(z)`, `‖u‖`. */
const isAtom = (s: string) =>
  /^[\p{L}\p{N}_⁻ᵀ¹]+$/u.test(s) ||
  /^\p{L}+\([^()]*(\([^()]*\)[^()]*)*\)$/u.test(s) ||
  /^‖[^‖]*‖$/u.test(s);
const atomText = (s: string) => (isAtom(s) ? s : `(${s})`);

/** `tanh(…)`, 2 → `tanh²(…)`; `u`, −1 → `u⁻¹`. */
function powerText(inner: string, p: number): string {
  const call = /^(\p{L}+)(\(.*\))$/u.exec(inner);
  if (call && isAtom(inner) && p > 0) return `${call[1]}${superscript(p)}${call[2]}`;
  return `${atomText(inner)}${superscript(p)}`;
}

/** The order in which axes claim a copy tensor's name: lower first. */
type Rank = (axis: number) => number;

/**
 * One term's product with free axes named `free`. A summed index that occurs once (a sum against
 * the ones vector) gets its own Σ: the summation convention would read it as a free index.
 */
function termProduct(
  term: Term,
  free: readonly string[],
  names: IndexNames,
  style: IndexStyle,
  rank: Rank,
): string {
  const g = term.graph;
  const local = names.fork();
  const name = new Map<string, string>();
  const deltas: string[] = [];
  // each copy tensor reached by free axes takes the name of the first of them in `free`'s order
  const freeAt = new Map<string, { edge: string; hub: string; axis: number }[]>();
  g.forEachNode((node, attrs) => {
    if (attrs.kind !== "free") return;
    const [end] = wireEnds(g, node);
    name.set(end.edge, free[attrs.axis]);
    if (g.getNodeAttribute(end.other, "kind") === "copy") {
      freeAt.set(end.other, [
        ...(freeAt.get(end.other) ?? []),
        { edge: end.edge, hub: end.other, axis: attrs.axis },
      ]);
    } else {
      const o = g.getNodeAttributes(end.other);
      if (o.kind === "free" && attrs.axis < o.axis)
        deltas.push(style.delta(free[attrs.axis], free[o.axis]));
    }
  });
  const hubName = new Map<string, string>();
  for (const [hub, list] of freeAt) {
    const owner = list.reduce((a, b) => (rank(b.axis) < rank(a.axis) ? b : a));
    hubName.set(hub, free[owner.axis]);
    for (const f of list.sort((a, b) => a.axis - b.axis)) {
      if (f === owner) continue;
      const [lo, hi] = f.axis < owner.axis ? [f, owner] : [owner, f];
      deltas.push(style.delta(free[lo.axis], free[hi.axis]));
    }
  }
  g.forEachNode((node, attrs) => {
    if (attrs.kind !== "copy") return;
    const index = hubName.get(node) ?? local.claim(attrs.dim, false);
    for (const end of wireEnds(g, node)) if (!name.has(end.edge)) name.set(end.edge, index);
  });
  g.forEachEdge((edge, attrs) => {
    if (!name.has(edge)) name.set(edge, local.claim(attrs.dim, false));
  });
  const factors: string[] = [];
  const uses = new Map<string, number>();
  g.forEachNode((node, attrs) => {
    const idx = wireEnds(g, node).map((e) => name.get(e.edge) as string);
    if (attrs.kind !== "copy" && attrs.kind !== "free")
      for (const i of idx) uses.set(i, (uses.get(i) ?? 0) + 1);
    if (attrs.kind === "tensor") factors.push(style.tensor(attrs.name, idx));
    else if (attrs.kind === "fuse") factors.push(style.tensor("R", idx));
    else if (attrs.kind === "box") {
      const pointwise = (elementwiseFunctions as readonly string[]).includes(attrs.fn);
      if (attrs.fn === "group")
        factors.push(`(${sumOfTerms(attrs.inner, idx, local, style, (a) => a)})`);
      else if (pointwise)
        factors.push(
          style.fn(
            attrs.fn,
            attrs.param,
            sumOfTerms(attrs.inner, idx, local, style, (a) => a),
          ),
        );
      else
        factors.push(
          style.box(
            apply(
              attrs.fn,
              networkExpr(attrs.inner),
              idx.map(() => 1),
              attrs.param,
            ),
            idx,
          ),
        );
    }
  });
  factors.push(...deltas);
  const c = style.coefficient(term.coeff);
  const once = [...uses].filter(([i, n]) => n === 1 && !free.includes(i)).map(([i]) => i);
  const product = factors.join(" ");
  const body = once.length && product ? style.sum(once, product) : product;
  if (c === "" || c === "-") return `${c}${body || "1"}`;
  return body ? `${c} ${body}` : c;
}

function sumOfTerms(
  net: Network,
  free: readonly string[],
  names: IndexNames,
  style: IndexStyle,
  rank: Rank,
): string {
  if (net.terms.length === 0) return "0";
  return net.terms
    .map((t, k) => {
      const s = termProduct(t, free, names, style, rank);
      if (k === 0) return s;
      return s.startsWith("-") ? ` ${style.minus} ${s.slice(1)}` : ` + ${s}`;
    })
    .join("");
}

/**
 * `Γ[p,q,m,n] = W[p,m] B[m,n] δ[q,n]`: the network with free axes named `free`, where
 * `first` lists the axes whose names win when axes meet at one copy tensor.
 */
export function namedIndexNotation(
  net: Network,
  free: readonly string[],
  first: readonly number[],
  names: IndexNames,
  style: IndexStyle,
): string {
  const rank = (axis: number) => (first.includes(axis) ? first.indexOf(axis) : first.length + axis);
  return sumOfTerms(net, free, names, style, rank);
}
