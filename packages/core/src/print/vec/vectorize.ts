/**
 * The vectorized (vec/Kronecker) form of a Jacobian: ∂vec(F)/∂vec(A) as one matrix.
 *
 * Convention: vec stacks columns (column-major, as `vec` in the language), and the layout is the
 * numerator layout: row = vec index of the output, column = vec index of the variable. For
 * F = W(A∘B) this is `(I ⊗ W) Diag(vec B)`. The Jacobian network J[out…, in…] gets its output
 * axes and its variable axes each fused by a reshape tensor, then it is read as matrix algebra
 * like any network (where `fuseRules.ts` turns reshape tensors back into vec and ⊗).
 */
import { reshape } from "../../network/primitives.js";
import type { Network } from "../../network/types.js";
import { simplify } from "../../simplify/simplify.js";
import type { MExpr } from "../matrix/expr.js";
import { networkExpr } from "../matrix/read.js";

/** Axis groups: the first `outRank` axes, then the rest; each becomes one axis. */
function groups(outRank: number, rank: number): number[][] {
  const out = Array.from({ length: outRank }, (_, k) => k);
  const inn = Array.from({ length: rank - outRank }, (_, k) => outRank + k);
  return [out, inn];
}

/**
 * The Jacobian of vec(output) w.r.t. vec(variable), or undefined unless both are vectors or
 * matrices: `vectorized(d.network, 2)` for ∂[W(A∘B)]/∂A is `kron(eye(n), W) @ diag(vec(B))`.
 */
export function vectorized(jacobian: Network, outRank: number): MExpr | undefined {
  const inRank = jacobian.shape.length - outRank;
  if (outRank < 1 || outRank > 2 || inRank < 1 || inRank > 2) return undefined;
  if (outRank === 1 && inRank === 1) return networkExpr(jacobian);
  return networkExpr(simplify(reshape(jacobian, groups(outRank, jacobian.shape.length))));
}
