/**
 * Spider fusion: the normal form of copy tensors in a term.
 *
 * Copy tensors joined by a wire merge into one (δ_{a…k} δ_{k…b} = δ_{a…b}); a loop on a copy
 * tensor drops out; a copy tensor left with no legs is a closed loop and contributes its dimension
 * to the coefficient; one with two legs is just a wire. Every builder runs this after wiring, so
 * terms never hold two adjacent copy tensors or an identity node.
 */
import { dimPower, multiply } from "./coefficient.js";
import { connect, wireEnds } from "./graph.js";
import type { Term, TermGraph } from "./types.js";

function isCopy(g: TermGraph, node: string): boolean {
  return g.getNodeAttribute(node, "kind") === "copy";
}

/** Merges copy node `from` into `into`: `from`'s other wires move to `into`. */
function mergeCopies(g: TermGraph, into: string, from: string): void {
  let consumed = false;
  for (const end of wireEnds(g, from)) {
    if (!g.hasEdge(end.edge)) continue;
    g.dropEdge(end.edge);
    if (end.other === into && !consumed) {
      consumed = true; // the wire that joined them
      continue;
    }
    const other = end.other === from ? into : end.other;
    connect(g, into, 0, other, end.otherPort, end.dim);
  }
  g.dropNode(from);
}

/** The same term with its copy tensors fused, loops removed and order-2 copies made wires. */
export function fuseCopies(term: Term): Term {
  const g = term.graph.copy() as TermGraph;
  let coeff = term.coeff;
  // 1. merge adjacent copy tensors
  for (let merged = true; merged; ) {
    merged = false;
    for (const edge of g.edges()) {
      const [s, t] = g.extremities(edge);
      if (s !== t && isCopy(g, s) && isCopy(g, t)) {
        mergeCopies(g, s, t);
        merged = true;
        break;
      }
    }
  }
  // 2. drop loops, then collapse copies of order 0 and 2
  for (const node of g.nodes()) {
    const attrs = g.getNodeAttributes(node);
    if (attrs.kind !== "copy") continue;
    for (const edge of g.edges(node)) if (g.source(edge) === g.target(edge)) g.dropEdge(edge);
    const ends = wireEnds(g, node);
    if (ends.length === 0) {
      coeff = multiply(coeff, dimPower(attrs.dim));
      g.dropNode(node);
    } else if (ends.length === 2) {
      const [a, b] = ends;
      g.dropNode(node);
      connect(g, a.other, a.otherPort, b.other, b.otherPort, a.dim);
    }
  }
  return { coeff, graph: g };
}
