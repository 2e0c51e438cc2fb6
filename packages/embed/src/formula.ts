/**
 * The formula printed under a diagram. For now it is index notation (`Γ[i,j] = δ[i,j] y[i] z[i]`);
 * when the core's matrix notation and LaTeX printers land, this is the one place to swap.
 */
import { indexNotation, type Network } from "@diagrad/core";

/**
 * `name[indices] = formula` of `network`, with any `where` clauses after it.
 *
 * @example formulaOf(derivative({ source: "x * y * z", wrt: "x" }).network, "Γ") // "Γ[i,j] = δ[i,j] y[i] z[i]"
 */
export function formulaOf(network: Network, name: string): string {
  const { indices, formula, where } = indexNotation(network);
  const head = `${name}${indices.length ? `[${indices.join(",")}]` : ""} = ${formula}`;
  return [head, ...where].join("; where ");
}
