/**
 * Reading a network as matrix algebra: each term's graph becomes a board, the rewrite rules
 * reduce it, and the pieces left are assembled into one product; then the terms are summed,
 * merged and factored (`factor.ts`). Function boxes read their inner networks the same way, so
 * `tanh(B @ z)` inside a Jacobian prints as `tanh(B z)`. Results are memoised per network
 * (networks are immutable), which keeps large Hessians fast: equal boxes are read once.
 */
import type { Network, Term } from "../../network/types.js";
import { assemble } from "./assemble.js";
import { boardOf } from "./board.js";
import type { MExpr } from "./expr.js";
import { factorSum } from "./factor.js";
import { reduce } from "./rules.js";

const read = new WeakMap<Network, MExpr>();

/** One term as a product: `termExpr(term, 2)` is e.g. `2 Aᵀ B` or an einsum. */
export function termExpr(term: Term, rank: number): MExpr {
  return assemble(reduce(boardOf(term, networkExpr)), rank);
}

/**
 * The matrix expression of a network, its axes in order (a rank-2 network F reads as a formula
 * whose [i, j] entry is F[i, j]): `networkExpr(derivative({ source: "x @ A @ x", wrt: "x" }).network)`
 * is `(A + Aᵀ) x`.
 */
export function networkExpr(net: Network): MExpr {
  let e = read.get(net);
  if (e === undefined) {
    e = factorSum(
      net.terms.map((t) => termExpr(t, net.shape.length)),
      net.shape,
    );
    read.set(net, e);
  }
  return e;
}
