/**
 * The board: one term's graph as pieces, spiders and free axes, the state the matrix reader
 * rewrites.
 *
 * A piece is a matrix expression whose axes (its legs, in order) are wires; at the start every
 * tensor, function box and reshape node is a piece of its own (a box's inner network read
 * recursively). Copy tensors become spiders: a dimension and the wires that meet there. A free
 * node becomes an entry `wire → axis`. Reading then merges pieces (see `rules.ts`) until each
 * connected part is a single piece, or nothing more applies and `assemble.ts` writes an einsum.
 * The board is private to one reading, so its rules may mutate it in place.
 */
import type { Coefficient } from "../../network/coefficient.js";
import { wireEnds } from "../../network/graph.js";
import type { Dim, Network, Term } from "../../network/types.js";
import { apply, eye, fuse, type MExpr, variable } from "./expr.js";

export interface Piece {
  expr: MExpr;
  legs: string[];
}
export interface Spider {
  dim: Dim;
  legs: string[];
}
export type End =
  | { kind: "piece"; id: string; slot: number }
  | { kind: "spider"; id: string }
  | { kind: "free"; axis: number };

export interface Board {
  pieces: Map<string, Piece>;
  spiders: Map<string, Spider>;
  /** Wire → the output axis it reaches. */
  free: Map<string, number>;
  dims: Map<string, Dim>;
  coeff: Coefficient;
  next: number;
}

/** A fresh key for a new piece, spider or wire. */
export function freshKey(b: Board, prefix: string): string {
  b.next += 1;
  return `${prefix}${b.next}`;
}

/** Where each wire ends, recomputed from the board (boards are small). */
export function wireIndex(b: Board): Map<string, End[]> {
  const index = new Map<string, End[]>();
  const push = (w: string, end: End) => {
    const list = index.get(w);
    if (list) list.push(end);
    else index.set(w, [end]);
  };
  for (const [id, p] of b.pieces) {
    for (const [slot, w] of p.legs.entries()) push(w, { kind: "piece", id, slot });
  }
  for (const [id, s] of b.spiders) for (const w of s.legs) push(w, { kind: "spider", id });
  for (const [w, axis] of b.free) push(w, { kind: "free", axis });
  return index;
}

function endKey(e: End): string {
  if (e.kind === "free") return `free:${e.axis}`;
  return e.kind === "piece" ? `piece:${e.id}:${e.slot}` : `spider:${e.id}`;
}

/** The end of `wire` other than `end` (a wire has two ends). */
export function otherEnd(index: Map<string, End[]>, wire: string, end: End): End | undefined {
  const [a, b] = index.get(wire) ?? [];
  return a !== undefined && endKey(a) === endKey(end) ? b : a;
}

/** Replaces wire `from` by `to` in every leg and free entry (splicing two wires into one). */
export function renameWire(b: Board, from: string, to: string): void {
  for (const p of b.pieces.values()) p.legs = p.legs.map((w) => (w === from ? to : w));
  for (const s of b.spiders.values()) s.legs = s.legs.map((w) => (w === from ? to : w));
  const axis = b.free.get(from);
  if (axis !== undefined) {
    b.free.delete(from);
    b.free.set(to, axis);
  }
}

/**
 * The board of one term; `read` turns a box's inner network into an expression.
 * @example boardOf(term, networkExpr).pieces.size // the tensors and boxes of the term
 */
export function boardOf(term: Term, read: (net: Network) => MExpr): Board {
  const g = term.graph;
  const b: Board = {
    pieces: new Map(),
    spiders: new Map(),
    free: new Map(),
    dims: new Map(),
    coeff: term.coeff,
    next: 0,
  };
  g.forEachEdge((edge, attrs) => {
    b.dims.set(edge, attrs.dim);
  });
  g.forEachNode((node, attrs) => {
    const ends = wireEnds(g, node);
    const legs = ends.map((e) => e.edge);
    const shape = ends.map((e) => e.dim);
    if (attrs.kind === "tensor") b.pieces.set(node, { expr: variable(attrs.name, shape), legs });
    else if (attrs.kind === "fuse") b.pieces.set(node, { expr: fuse(shape), legs });
    else if (attrs.kind === "box" && attrs.fn === "group")
      b.pieces.set(node, { expr: read(attrs.inner), legs });
    else if (attrs.kind === "box")
      b.pieces.set(node, { expr: apply(attrs.fn, read(attrs.inner), shape, attrs.param), legs });
    else if (attrs.kind === "copy") b.spiders.set(node, { dim: attrs.dim, legs });
    else {
      const [end] = ends;
      if (b.free.has(end.edge)) {
        // two output axes joined directly: the identity between them
        const other = freshKey(b, "w");
        b.dims.set(other, end.dim);
        b.free.set(other, attrs.axis);
        b.pieces.set(freshKey(b, "I"), { expr: eye(end.dim), legs: [end.edge, other] });
      } else b.free.set(end.edge, attrs.axis);
    }
  });
  return b;
}
