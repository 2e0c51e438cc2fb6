/**
 * Replacing one node of a term by a network: the graph surgery behind every derivative.
 *
 * `substitute(term, node, replacement, outRank)` wires the replacement's first axes to the ports
 * the node had (axis p takes the wire of port p) and makes its remaining axes new free indices of
 * the term, numbered from `outRank`. With the identity as replacement this is edge removal: the
 * node's wires become the new free indices.
 */
import { multiply } from "./coefficient.js";
import { fuseCopies } from "./copies.js";
import { openFreeNodes } from "./einsum.js";
import { addNode, connect, copyInto, wireEnds } from "./graph.js";
import type { Network, Term, TermGraph } from "./types.js";

/** One term per term of `replacement`; `ports` is how many of its axes meet the node's ports. */
export function substitute(
  term: Term,
  node: string,
  replacement: Network,
  outRank: number,
  ports: number,
): Term[] {
  return replacement.terms.map((r) => {
    const g = term.graph.copy() as TermGraph;
    const ends = wireEnds(g, node);
    g.dropNode(node);
    const points = openFreeNodes(g, copyInto(g, r.graph), replacement.shape);
    for (const end of ends) {
      if (end.other !== node) connect(g, points[end.port], 0, end.other, end.otherPort, end.dim);
      else if (end.port < end.otherPort)
        connect(g, points[end.port], 0, points[end.otherPort], 0, end.dim);
    }
    for (let axis = ports; axis < replacement.shape.length; axis++) {
      const free = addNode(g, { kind: "free", axis: outRank + axis - ports });
      connect(g, points[axis], 0, free, 0, replacement.shape[axis]);
    }
    return fuseCopies({ coeff: multiply(term.coeff, r.coeff), graph: g });
  });
}

/**
 * Edge removal: the term without `node`; the wire at its port p becomes free axis `outRank + p`.
 * A loop on the node (a trace) becomes a wire between two new free indices.
 */
export function removeNode(term: Term, node: string, outRank: number): Term {
  const g = term.graph.copy() as TermGraph;
  const ends = wireEnds(g, node);
  const rank = Math.max(-1, ...ends.map((e) => e.port)) + 1;
  g.dropNode(node);
  const free: string[] = [];
  for (let p = 0; p < rank; p++) free[p] = addNode(g, { kind: "free", axis: outRank + p });
  for (const end of ends) {
    if (end.other !== node) connect(g, free[end.port], 0, end.other, end.otherPort, end.dim);
    else if (end.port < end.otherPort)
      connect(g, free[end.port], 0, free[end.otherPort], 0, end.dim);
  }
  return { coeff: term.coeff, graph: g };
}
