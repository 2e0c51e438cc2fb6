/**
 * Function boxes: simplifying the networks inside them, and folding the ones that are constant
 * (`exp(0)` → 1, `pow(u, 1)` → u).
 */
import { substitute } from "../network/substitute.js";
import type { BoxNode, Network, Term, TermGraph } from "../network/types.js";
import { foldBox } from "./fold.js";

/** The term with `change` applied to each of its boxes (a box may become several terms). */
function eachBox(term: Term, change: (t: Term, node: string, box: BoxNode) => Term[]): Term[] {
  let terms: Term[] = [term];
  for (const node of term.graph.filterNodes((_n, a) => a.kind === "box")) {
    terms = terms.flatMap((t) => {
      const attrs = t.graph.getNodeAttributes(node);
      return attrs.kind === "box" ? change(t, node, attrs) : [t];
    });
  }
  return terms;
}

/** Every box's inner network replaced by `simplifyInner(inner)`. */
export function simplifyBoxes(net: Network, simplifyInner: (n: Network) => Network): Network {
  const terms = net.terms.flatMap((term) =>
    eachBox(term, (t, node, box) => {
      const inner = simplifyInner(box.inner);
      if (inner === box.inner) return [t];
      const graph = t.graph.copy() as TermGraph;
      graph.replaceNodeAttributes(node, { ...box, inner });
      return [{ coeff: t.coeff, graph }];
    }),
  );
  return { shape: net.shape, terms };
}

/** Boxes of constants replaced by their values. */
export function foldConstants(net: Network): Network {
  const terms = net.terms.flatMap((term) =>
    eachBox(term, (t, node, box) => {
      const folded = foldBox(box);
      return folded ? substitute(t, node, folded, 0, folded.shape.length) : [t];
    }),
  );
  return { shape: net.shape, terms };
}
