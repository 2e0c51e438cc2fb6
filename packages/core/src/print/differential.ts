/**
 * The differential form of a derivative: `dF = W (B ∘ dA)`, the form the seeds reason with.
 *
 * The Jacobian J[out…, in…] is contracted with a new variable `dA` of the variable's shape on
 * the variable's axes (dF = Σ J[out, in] dA[in]), simplified, and read as matrix algebra. For
 * each occurrence of A in the expression this is the expression with that occurrence replaced by
 * dA (function boxes through their chain rule), summed: the product rule, in matrix notation.
 */
import { einsum } from "../network/einsum.js";
import { labels } from "../network/ops.js";
import { variable } from "../network/primitives.js";
import type { Network, Shape } from "../network/types.js";
import { simplify } from "../simplify/simplify.js";

/**
 * dF as a network: the Jacobian contracted with a new variable `d<wrt>`;
 * `networkExpr(differentialNetwork(J, 2, "A", ["m", "n"]))` is `W (B ∘ dA)` for J = ∂[W(A∘B)]/∂A.
 */
export function differentialNetwork(
  jacobian: Network,
  outRank: number,
  wrt: string,
  wrtShape: Shape,
): Network {
  const out = labels("o", outRank);
  const inn = labels("v", wrtShape.length);
  const d = variable(`d${wrt}`, wrtShape);
  const contracted = einsum(
    [
      { net: jacobian, labels: [...out, ...inn] },
      { net: d, labels: inn },
    ],
    out,
  );
  return simplify(contracted);
}

/** The left-hand side: `dF` for a matrix, `df` otherwise; `d(∇f)` for a Hessian's. */
export function differentialName(outRank: number, order: number): string {
  if (order === 1) return outRank === 2 ? "dF" : "df";
  return order === 2 && outRank === 0 ? "d(∇f)" : `d(D${order - 1}F)`;
}
