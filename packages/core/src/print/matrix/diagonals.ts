/**
 * Diagonal matrices applied to vectors read as Hadamard products, as backpropagation is written:
 * `Diag(v) W u` → `v ∘ (W u)` and `uᵀ W Diag(v)` → `(uᵀ W) ∘ v`, from the innermost out, so a chain of
 * layers reads `(W2ᵀ ((W3ᵀ δ) ∘ (1 − h2²))) ∘ (1 − h1²)`. Matrices on both sides keep their Diag.
 */
import { mapExpr } from "./abbreviate.js";
import { hadamard, type MExpr, matmul } from "./expr.js";

/** One chain's Diag factors next to a vector end, made Hadamard products. */
function chain(factors: readonly MExpr[]): MExpr {
  const last = factors[factors.length - 1];
  // Diag(v) · (… u): the rightmost Diag first, with everything after it a vector
  if (last.shape.length === 1) {
    for (let k = factors.length - 2; k >= 0; k--) {
      const f = factors[k];
      if (f.op !== "Diag") continue;
      const rest = factors.slice(k + 1);
      const product = hadamard([rest.length === 1 ? rest[0] : matmul(rest), f.arg]);
      const head = factors.slice(0, k);
      return head.length ? chain([...head, product]) : product;
    }
  }
  const first = factors[0];
  if (first.shape.length === 1) {
    for (let k = 1; k < factors.length; k++) {
      const f = factors[k];
      if (f.op !== "Diag") continue;
      const before = factors.slice(0, k);
      const product = hadamard([before.length === 1 ? before[0] : matmul(before), f.arg]);
      const tail = factors.slice(k + 1);
      return tail.length ? chain([product, ...tail]) : product;
    }
  }
  return matmul(factors);
}

/** `e` with every Diag(v) that meets a vector written as v ∘ …. */
export function diagonalsAsHadamard(e: MExpr): MExpr {
  return mapExpr(e, (x) => (x.op === "matmul" ? chain(x.factors) : x));
}
