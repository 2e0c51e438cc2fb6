/**
 * The Hadamard rules of the matrix reader, and the spider helpers the other rules share.
 *
 * Two vectors on one spider are their Hadamard product (x ∘ y), and so are two matrices whose legs
 * meet the same two spiders (A ∘ B, or A ∘ Bᵀ when they meet them the other way round). Equal
 * factors collect into powers as the product forms, so s⁻¹ ∘ s ∘ t is t.
 */
import type { Board, End, Piece } from "./board.js";
import { otherEnd } from "./board.js";
import { hadamard, type MExpr, transpose } from "./expr.js";
import { collectPowers, onesOf } from "./powers.js";

export type Rule = (b: Board, index: Map<string, End[]>) => boolean;

/** A piece the matrix rules may combine: not a reshape tensor, rank ≤ 2. */
export const isPlain = (p: Piece) => p.expr.op !== "fuse" && p.legs.length <= 2;

/** The spider a piece's leg reaches directly, if any. */
export function spiderAt(
  index: Map<string, End[]>,
  id: string,
  slot: number,
  wire: string,
): string | undefined {
  const end = otherEnd(index, wire, { kind: "piece", id, slot });
  return end?.kind === "spider" ? end.id : undefined;
}

/** Removes `wire` from the legs of `spider`. */
export function dropLeg(b: Board, spider: string, wire: string): void {
  const s = b.spiders.get(spider);
  if (s) s.legs = s.legs.filter((w) => w !== wire);
}

/** The plain pieces of rank `rank` attached to spider `s`, by id. */
export function attached(b: Board, index: Map<string, End[]>, s: string, rank: number): string[] {
  const legs = b.spiders.get(s)?.legs ?? [];
  return legs.flatMap((w) => {
    const end = otherEnd(index, w, { kind: "spider", id: s });
    if (end?.kind !== "piece") return [];
    const p = b.pieces.get(end.id) as Piece;
    return isPlain(p) && p.legs.length === rank ? [end.id] : [];
  });
}

export const hadamardVectors: Rule = (b, index) => {
  for (const [s, spider] of b.spiders) {
    if (spider.legs.length < 3) continue;
    const [u, v] = attached(b, index, s, 1);
    if (v === undefined) continue;
    const [pu, pv] = [b.pieces.get(u) as Piece, b.pieces.get(v) as Piece];
    pu.expr = hadamardOf([pu.expr, pv.expr]);
    b.pieces.delete(v);
    dropLeg(b, s, pv.legs[0]);
    return true;
  }
  return false;
};

export const hadamardMatrices: Rule = (b, index) => {
  for (const [s1] of b.spiders) {
    const mats = attached(b, index, s1, 2);
    for (const [i, u] of mats.entries()) {
      const pu = b.pieces.get(u) as Piece;
      const [a, c] = [spiderAt(index, u, 0, pu.legs[0]), spiderAt(index, u, 1, pu.legs[1])];
      if (a === undefined || c === undefined || a === c) continue;
      for (const v of mats.slice(i + 1)) {
        const pv = b.pieces.get(v) as Piece;
        const [x, y] = [spiderAt(index, v, 0, pv.legs[0]), spiderAt(index, v, 1, pv.legs[1])];
        const straight = x === a && y === c;
        if (!straight && !(x === c && y === a)) continue;
        pu.expr = hadamardOf([pu.expr, straight ? pv.expr : transpose(pv.expr)]);
        b.pieces.delete(v);
        dropLeg(b, x as string, pv.legs[0]);
        dropLeg(b, y as string, pv.legs[1]);
        return true;
      }
    }
  }
  return false;
};

/** A Hadamard product with equal bases collected into powers (s⁻¹ ∘ s = 𝟏). */
function hadamardOf(factors: MExpr[]): MExpr {
  const kept = collectPowers(factors);
  return kept.length ? hadamard(kept) : onesOf(factors[0].shape);
}
