/**
 * The formula printed under a diagram: matrix notation the way a textbook writes it
 * (`Γ = Diag(y ∘ z)`), or index notation where no matrix form exists.
 */
import {
  type Derivative,
  formulas,
  indexNotation,
  type Network,
  networkExpr,
  textFormula,
} from "@diagrad/core";

/** Index notation with its `where` clauses: `Γ[i,j] = W[i,k] B[k,j] δ[j,l]`. */
function indexForm(network: Network, name: string): string {
  const { indices, formula, where } = indexNotation(network);
  const head = `${name}${indices.length ? `[${indices.join(",")}]` : ""} = ${formula}`;
  return [head, ...where].join("; where ");
}

/**
 * The formula of an expression's network (`F = (A + Aᵀ) x`) or, given the derivative, of the
 * derivative (`Γ = Diag(y ∘ z)`).
 *
 * @example formulaOf(derivative({ source: "x * y * z", wrt: "x" }).network, "Γ", d) // "Γ = Diag(y ∘ z)"
 */
export function formulaOf(network: Network, name: string, d?: Derivative): string {
  if (d) {
    const f = formulas(d);
    return f.notes.some((n) => n.startsWith("no matrix form")) ? f.index : `${name} = ${f.text}`;
  }
  const text = textFormula(networkExpr(network));
  return text.includes("einsum(") ? indexForm(network, name) : `${name} = ${text}`;
}
