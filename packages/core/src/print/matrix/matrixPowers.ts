/**
 * Repeated factors of a product folded into matrix powers, as a textbook writes them:
 * ∂tr(A⁴)/∂A = 4 (Aᵀ)³, printed `4 * matrix_power(A.T, 3)`, not `4 Aᵀ Aᵀ Aᵀ`.
 */
import { mapExpr } from "./abbreviate.js";
import { exprKey, type MExpr, matmul } from "./expr.js";

/** A run of k equal square factors as one power. */
function fold(factors: readonly MExpr[]): MExpr {
  const out: MExpr[] = [];
  for (let i = 0; i < factors.length; ) {
    const f = factors[i];
    let j = i + 1;
    const square = f.shape.length === 2 && f.shape[0] === f.shape[1];
    while (square && j < factors.length && exprKey(factors[j]) === exprKey(f)) j++;
    out.push(j - i >= 2 ? { op: "mpow", arg: f, k: j - i, shape: f.shape } : f);
    i = j;
  }
  return out.length === factors.length ? matmul(factors) : matmul(out);
}

/** `e` with every run of equal square factors in a product written as a matrix power. */
export function foldMatrixPowers(e: MExpr): MExpr {
  return mapExpr(e, (x) => (x.op === "matmul" ? fold(x.factors) : x));
}
