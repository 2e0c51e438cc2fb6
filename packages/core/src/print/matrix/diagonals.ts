/**
 * Diagonal matrices as they read best. Applied to vectors they are Hadamard products, as
 * backpropagation is written: `Diag(v) W u` → `v ∘ (W u)` and `uᵀ W Diag(v)` → `(uᵀ W) ∘ v`, from
 * the innermost out, so a chain of layers reads `(W2ᵀ ((W3ᵀ δ) ∘ (1 − h2²))) ∘ (1 − h1²)`. Between
 * matrices, the diagonal of a product with a sum splits: `Diag(u ∘ (a + b))` → `Diag(u) Diag(a + b)`
 * (but σ ∘ (1 − σ) stays whole, the sum being of the other factor).
 */
import { mapExpr } from "./abbreviate.js";
import { diagMatrix, exprKey, hadamard, type MExpr, matmul } from "./expr.js";

/** Diag(u ∘ (a + b)) as Diag(u) Diag(a + b), where that reads better. */
function split(e: MExpr): MExpr {
  if (e.op !== "Diag" || e.arg.op !== "had" || e.arg.factors.length !== 2) return e;
  const factors = e.arg.factors;
  const sum = factors.find((f) => f.op === "add");
  const other = factors.find((f) => f !== sum);
  if (!sum || !other || other.op === "add" || exprKey(sum).includes(exprKey(other))) return e;
  return matmul([diagMatrix(other), diagMatrix(sum)]);
}

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

/** A product with a sum: the product first, as backpropagation reads: (W2ᵀ δ) ∘ (1 − h²). */
function productsFirst(e: MExpr): MExpr {
  if (e.op !== "had") return e;
  const products = e.factors.filter((f) => f.op === "matmul");
  const sums = e.factors.filter((f) => f.op === "add");
  if (products.length === 0 || products.length + sums.length !== e.factors.length) return e;
  return hadamard([...products, ...e.factors.filter((f) => f.op !== "matmul")]);
}

/** `e` with every Diag(v) that meets a vector written as v ∘ …, and the others split. */
export function diagonalsAsHadamard(e: MExpr): MExpr {
  const hadamards = mapExpr(e, (x) => (x.op === "matmul" ? chain(x.factors) : productsFirst(x)));
  return mapExpr(hadamards, (x) => (x.op === "matmul" ? matmul(x.factors) : split(x)));
}
