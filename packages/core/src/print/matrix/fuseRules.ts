/**
 * Reading reshape tensors back as `vec` and Kronecker products.
 *
 * A reshape node R[fast, slow, fused] has fused = fast + |fast|·slow (column-major), so:
 * - R on both legs of a matrix P (row on fast, column on slow) is vec(P);
 * - R on two vectors (q on fast, p on slow) is kron(p, q);
 * - two reshapes whose fast legs are the two legs of Q (or one wire: the identity) and whose slow
 *   legs are the two legs of P give kron(P, Q), NumPy's block layout;
 * - R with one leg on an output axis and the other on a vector v is v's row times an identity:
 *   xᵀ ⊗ I (v on slow) or I ⊗ vᵀ (v on fast), as ∂vec(W x)/∂vec(W) = xᵀ ⊗ I;
 * - a matrix P whose legs meet R's fast and slow legs at spiders can be pulled through R:
 *   P[m,n] R[m,n,K] = vec(P)[K] R[m,n,K], so P becomes vec(P) on a spider on R's fused leg. This
 *   is how `∂vec(W(A∘B))/∂vec(A)` becomes `(I ⊗ W) Diag(vec B)`.
 */
import { type Board, type End, freshKey, otherEnd, type Piece } from "./board.js";
import { eye, kron, type MExpr, outer, transpose, unary } from "./expr.js";

type Rule = (b: Board, index: Map<string, End[]>) => boolean;

const fuses = (b: Board) => [...b.pieces].filter(([, p]) => p.expr.op === "fuse");

/** What reaches leg `slot` of piece `id`. */
const far = (b: Board, index: Map<string, End[]>, id: string, slot: number) =>
  otherEnd(index, (b.pieces.get(id) as Piece).legs[slot], { kind: "piece", id, slot });

const plainAt = (b: Board, end: End | undefined, rank: number): end is End & { kind: "piece" } => {
  if (end?.kind !== "piece") return false;
  const p = b.pieces.get(end.id) as Piece;
  return p.expr.op !== "fuse" && p.legs.length === rank;
};

const vecOf = (b: Board, index: Map<string, End[]>): boolean => {
  for (const [id, f] of fuses(b)) {
    const [fast, slow] = [far(b, index, id, 0), far(b, index, id, 1)];
    if (plainAt(b, fast, 2) && plainAt(b, slow, 2) && fast.id === slow.id) {
      const p = b.pieces.get(fast.id) as Piece;
      b.pieces.delete(fast.id);
      b.pieces.delete(id);
      const arg = fast.slot === 0 ? p.expr : transpose(p.expr);
      b.pieces.set(freshKey(b, "vec"), {
        expr: unary("vec", arg, [f.expr.shape[2]]),
        legs: [f.legs[2]],
      });
      return true;
    }
    if (plainAt(b, fast, 1) && plainAt(b, slow, 1) && fast.id !== slow.id) {
      const [q, p] = [b.pieces.get(fast.id) as Piece, b.pieces.get(slow.id) as Piece];
      for (const k of [id, fast.id, slow.id]) b.pieces.delete(k);
      b.pieces.set(freshKey(b, "kron"), {
        expr: kron(p.expr, q.expr, [f.expr.shape[2]]),
        legs: [f.legs[2]],
      });
      return true;
    }
  }
  return false;
};

/** `vᵀ` as a 1 × n matrix, for Kronecker products with a row. */
const row = (v: MExpr): MExpr => ({ op: "T", arg: v, shape: [1, v.shape[0]] });

const kronWithIdentity = (b: Board, index: Map<string, End[]>): boolean => {
  for (const [id, f] of fuses(b)) {
    const [fast, slow] = [far(b, index, id, 0), far(b, index, id, 1)];
    const vectorSlow = fast?.kind === "free" && plainAt(b, slow, 1);
    const vectorFast = slow?.kind === "free" && plainAt(b, fast, 1);
    if (!vectorSlow && !vectorFast) continue;
    const v = (vectorSlow ? slow : fast) as End & { kind: "piece" };
    const identityLeg = f.legs[vectorSlow ? 0 : 1];
    const n = b.dims.get(identityLeg) as number | string;
    const vector = (b.pieces.get(v.id) as Piece).expr;
    b.pieces.delete(v.id);
    b.pieces.delete(id);
    const expr = vectorSlow
      ? kron(row(vector), eye(n), [n, f.expr.shape[2]])
      : kron(eye(n), row(vector), [n, f.expr.shape[2]]);
    b.pieces.set(freshKey(b, "kron"), { expr, legs: [identityLeg, f.legs[2]] });
    return true;
  }
  return false;
};

/**
 * The matrix joining leg `slot` of fuse `f1` to the same leg of `f2`: a piece, `eye` for a wire,
 * or the outer product of two vectors (x xᵀ in a Hessian's (x xᵀ) ⊗ M).
 */
function joining(b: Board, index: Map<string, End[]>, f1: string, f2: string, slot: number) {
  const w1 = (b.pieces.get(f1) as Piece).legs[slot];
  const w2 = (b.pieces.get(f2) as Piece).legs[slot];
  if (w1 === w2) return { expr: eye(b.dims.get(w1) as number | string) as MExpr, ids: [] };
  const [e1, e2] = [far(b, index, f1, slot), far(b, index, f2, slot)];
  if (plainAt(b, e1, 1) && plainAt(b, e2, 1) && e1.id !== e2.id) {
    const [u, v] = [e1, e2].map((e) => (b.pieces.get(e.id) as Piece).expr);
    return { expr: outer(u, v), ids: [e1.id, e2.id] };
  }
  if (!plainAt(b, e1, 2) || !plainAt(b, e2, 2) || e1.id !== e2.id) return undefined;
  const expr = (b.pieces.get(e1.id) as Piece).expr;
  return { expr: e1.slot === 0 ? expr : transpose(expr), ids: [e1.id] };
}

const kronOf = (b: Board, index: Map<string, End[]>): boolean => {
  const list = fuses(b);
  for (const [i, [f1, p1]] of list.entries()) {
    for (const [f2, p2] of list.slice(i + 1)) {
      for (const [a, c] of [
        [f1, f2],
        [f2, f1],
      ]) {
        const q = joining(b, index, a, c, 0);
        const p = q && joining(b, index, a, c, 1);
        if (!q || !p) continue;
        for (const k of [f1, f2, ...p.ids, ...q.ids]) b.pieces.delete(k);
        const [ka, kc] = a === f1 ? [p1, p2] : [p2, p1];
        b.pieces.set(freshKey(b, "kron"), {
          expr: kron(p.expr, q.expr, [ka.expr.shape[2], kc.expr.shape[2]]),
          legs: [ka.legs[2], kc.legs[2]],
        });
        return true;
      }
    }
  }
  return false;
};

const pullThrough = (b: Board, index: Map<string, End[]>): boolean => {
  for (const [id, f] of fuses(b)) {
    const [s1, s2] = [far(b, index, id, 0), far(b, index, id, 1)];
    if (s1?.kind !== "spider" || s2?.kind !== "spider" || s1.id === s2.id) continue;
    const legs = (s: string) =>
      (b.spiders.get(s)?.legs ?? []).map((w) => otherEnd(index, w, { kind: "spider", id: s }));
    for (const end of legs(s1.id)) {
      if (!plainAt(b, end, 2)) continue;
      const p = b.pieces.get(end.id) as Piece;
      const other = far(b, index, end.id, 1 - end.slot);
      if (other?.kind !== "spider" || other.id !== s2.id) continue;
      const s1s = b.spiders.get(s1.id);
      const s2s = b.spiders.get(s2.id);
      if (!s1s || !s2s) continue;
      s1s.legs = s1s.legs.filter((w) => w !== p.legs[end.slot]);
      s2s.legs = s2s.legs.filter((w) => w !== p.legs[1 - end.slot]);
      b.pieces.delete(end.id);
      attachVector(
        b,
        index,
        id,
        unary("vec", end.slot === 0 ? p.expr : transpose(p.expr), [f.expr.shape[2]]),
      );
      return true;
    }
  }
  return false;
};

/** Puts vector `v` on a spider on the fused leg of fuse `id` (a new spider unless one is there). */
function attachVector(b: Board, index: Map<string, End[]>, id: string, v: MExpr): void {
  const f = b.pieces.get(id) as Piece;
  const wire = f.legs[2];
  const dim = b.dims.get(wire) as number | string;
  const wv = freshKey(b, "w");
  b.dims.set(wv, dim);
  b.pieces.set(freshKey(b, "vec"), { expr: v, legs: [wv] });
  const end = far(b, index, id, 2);
  if (end?.kind === "spider") {
    b.spiders.get(end.id)?.legs.push(wv);
    return;
  }
  const moved = freshKey(b, "w");
  b.dims.set(moved, dim);
  if (end?.kind === "piece") (b.pieces.get(end.id) as Piece).legs[end.slot] = moved;
  else if (end?.kind === "free") {
    b.free.delete(wire);
    b.free.set(moved, end.axis);
  }
  b.spiders.set(freshKey(b, "s"), { dim, legs: [wire, moved, wv] });
}

export const fuseRules: Rule[] = [vecOf, kronOf, kronWithIdentity, pullThrough];
