/**
 * The rewrite rules of the matrix reader, each one identity of matrix algebra read backwards.
 *
 * - a spider of order 0, 1 or 2 is a closed loop (its dimension), the ones vector, or a wire;
 * - a ones vector on a spider of order ≥ 3 drops out (δ_abc 1_c = δ_ab);
 * - a matrix whose two legs are one wire is a trace; whose two legs meet one spider, a diagonal;
 * - two vectors on one spider are their Hadamard product; so are two matrices on the same two;
 * - two pieces that share a wire are a matrix product (transposed where a matrix is entered from
 *   its column), with the vector of a vector result written on the right: `Aᵀ x`, not `xᵀ A`;
 * - a vector on a spider of order 3 is a diagonal matrix between the other two legs.
 * `reduce` applies the first rule that matches until none does; the Diag rule comes last, so
 * products and Hadamard products are formed first.
 */
import { dimPower, multiply } from "../../network/coefficient.js";
import { type Board, freshKey, type Piece, renameWire, wireIndex } from "./board.js";
import { diagMatrix, eye, type MExpr, matmul, ones, transpose, unary } from "./expr.js";
import { fuseRules } from "./fuseRules.js";
import {
  attached,
  dropLeg,
  hadamardMatrices,
  hadamardVectors,
  isPlain,
  type Rule,
  spiderAt,
} from "./hadamardRules.js";

export type { Rule };

/** Spiders of order 0, 1 and 2: a loop's dimension, the ones vector, a plain wire. */
const splice: Rule = (b) => {
  for (const [id, s] of b.spiders) {
    if (s.legs.length > 2) continue;
    b.spiders.delete(id);
    const [w1, w2] = s.legs;
    if (s.legs.length === 0 || w1 === w2) b.coeff = multiply(b.coeff, dimPower(s.dim));
    else if (s.legs.length === 1)
      b.pieces.set(freshKey(b, "one"), { expr: ones(s.dim), legs: [w1] });
    else if (b.free.has(w1) && b.free.has(w2))
      b.pieces.set(freshKey(b, "I"), { expr: eye(s.dim), legs: [w1, w2] });
    else if (b.free.has(w2)) renameWire(b, w1, w2);
    else renameWire(b, w2, w1);
    return true;
  }
  return false;
};

const dropOnes: Rule = (b, index) => {
  for (const [id, p] of b.pieces) {
    if (p.expr.op !== "ones") continue;
    const s = spiderAt(index, id, 0, p.legs[0]);
    if (s === undefined || (b.spiders.get(s)?.legs.length ?? 0) < 3) continue;
    b.pieces.delete(id);
    dropLeg(b, s, p.legs[0]);
    return true;
  }
  return false;
};

const trace: Rule = (b) => {
  for (const p of b.pieces.values()) {
    if (!isPlain(p) || p.legs.length !== 2 || p.legs[0] !== p.legs[1]) continue;
    const flipped = transpose(p.expr);
    p.expr = unary("tr", transposeCount(flipped) < transposeCount(p.expr) ? flipped : p.expr, []);
    p.legs = [];
    return true;
  }
  return false;
};

const diagonal: Rule = (b, index) => {
  for (const [id, p] of b.pieces) {
    if (!isPlain(p) || p.legs.length !== 2 || p.legs[0] === p.legs[1]) continue;
    const s = spiderAt(index, id, 0, p.legs[0]);
    if (s === undefined || s !== spiderAt(index, id, 1, p.legs[1])) continue;
    dropLeg(b, s, p.legs[1]);
    p.expr = unary("diag", p.expr, [p.expr.shape[0]]);
    p.legs = [p.legs[0]];
    return true;
  }
  return false;
};

/** A vector result is written with its vector on the right: `Aᵀ x` rather than `xᵀ A`. */
function vectorOnRight(e: MExpr): MExpr {
  if (e.op !== "matmul" || e.shape.length !== 1 || e.factors[0].shape.length !== 1) return e;
  return matmul([...e.factors].reverse().map(transpose));
}

/** A vector chain as the left factor of a product: its open end must be on the right (`xᵀ A`). */
function vectorOnLeft(e: MExpr): MExpr {
  if (
    e.op !== "matmul" ||
    e.shape.length !== 1 ||
    e.factors[e.factors.length - 1].shape.length !== 1
  )
    return e;
  return matmul([...e.factors].reverse().map(transpose));
}

const product: Rule = (b, index) => {
  for (const ends of index.values()) {
    const [e1, e2] = ends;
    if (e1?.kind !== "piece" || e2?.kind !== "piece" || e1.id === e2.id) continue;
    const [p, q] = [b.pieces.get(e1.id) as Piece, b.pieces.get(e2.id) as Piece];
    if (!isPlain(p) || !isPlain(q)) continue;
    // orient p so the shared wire is its last leg and q so it is its first
    const pExpr = p.legs.length === 2 && e1.slot === 0 ? transpose(p.expr) : vectorOnLeft(p.expr);
    const pLegs = p.legs.length === 2 && e1.slot === 0 ? [p.legs[1], p.legs[0]] : p.legs;
    const qExpr = q.legs.length === 2 && e2.slot === 1 ? transpose(q.expr) : vectorOnRight(q.expr);
    const qLegs = q.legs.length === 2 && e2.slot === 1 ? [q.legs[1], q.legs[0]] : q.legs;
    b.pieces.delete(e2.id);
    p.expr = vectorOnRight(matmul([pExpr, qExpr]));
    p.legs = [...pLegs.slice(0, -1), ...qLegs.slice(1)];
    return true;
  }
  return false;
};

const diagOfVector: Rule = (b, index) => {
  for (const [s, spider] of b.spiders) {
    if (spider.legs.length !== 3) continue;
    const [v] = attached(b, index, s, 1);
    if (v === undefined) continue;
    const pv = b.pieces.get(v) as Piece;
    b.pieces.delete(v);
    b.spiders.delete(s);
    b.pieces.set(freshKey(b, "D"), {
      expr: diagMatrix(pv.expr),
      legs: spider.legs.filter((w) => w !== pv.legs[0]),
    });
    return true;
  }
  return false;
};

/** How many transposes an expression shows. */
export function transposeCount(e: MExpr): number {
  return JSON.stringify(e).split('"op":"T"').length - 1;
}

const rules: Rule[] = [
  splice,
  dropOnes,
  trace,
  diagonal,
  hadamardVectors,
  hadamardMatrices,
  product,
  ...fuseRules,
  diagOfVector,
];

/** Applies the rules until none matches; `reduce(board)` leaves the board as simple as it gets. */
export function reduce(b: Board): Board {
  for (let changed = true; changed; ) {
    changed = false;
    for (const rule of rules) {
      if (rule(b, wireIndex(b))) {
        changed = true;
        break;
      }
    }
  }
  return b;
}
