/**
 * Function boxes: simplifying the networks inside them, folding the ones that are constant
 * (`exp(0)` → 1, `pow(u, 1)` → u), and opening kept sums where keeping them gains nothing.
 */
import { substitute } from "../network/substitute.js";
import type { BoxNode, Network, NodeAttrs, Term, TermGraph } from "../network/types.js";
import { networkKey } from "./canonical.js";
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

/**
 * Kept sums (`group` boxes) opened where that multiplies nothing out: a sum of one term or none,
 * or one that is the term's only factor (its wires may still meet copy tensors and reshapes).
 */
export function openGroups(net: Network): Network {
  const terms = net.terms.flatMap((term) => {
    const factors = term.graph.filterNodes((_n, a) => a.kind === "tensor" || a.kind === "box");
    return eachBox(term, (t, node, box) => {
      const alone = factors.length === 1 || box.inner.terms.length <= 1;
      if (box.fn !== "group" || !alone) return [t];
      return substitute(t, node, box.inner, 0, box.inner.shape.length);
    });
  });
  return { shape: net.shape, terms };
}

/** Nodes of a network, counting what boxes hold: the size a printed form grows with. */
const sizes = new WeakMap<Network, number>();
export function networkSize(net: Network): number {
  let n = sizes.get(net);
  if (n === undefined) {
    n = 0;
    for (const t of net.terms)
      t.graph.forEachNode((_k, a) => {
        if (a.kind !== "free")
          n = (n as number) + 1 + (a.kind === "box" ? networkSize(a.inner) : 0);
      });
    sizes.set(net, n);
  }
  return n;
}

/** What a factor is a power of: a variable's name, or a function and its argument's key. */
function base(a: NodeAttrs): string {
  if (a.kind === "tensor") return a.name;
  if (a.kind !== "box" || a.fn === "group") return "";
  if (a.fn === "pow") {
    const [t] = a.inner.terms;
    const nodes =
      a.inner.terms.length === 1
        ? t.graph.filterNodes((_n, x) => x.kind !== "free" && x.kind !== "copy")
        : [];
    return nodes.length === 1 ? base(t.graph.getNodeAttributes(nodes[0])) : networkKey(a.inner);
  }
  return `${a.fn}(${networkKey(a.inner)})`;
}

/**
 * Kept sums multiplied out where the result, tidied by `tidy`, is smaller: the cross-entropy
 * gradient's (Diag(s) − s sᵀ)(s⁻¹ ∘ y) opens to s 𝟏ᵀy − y, where Diag(s) and s⁻¹ cancel, while a
 * layer's (W2ᵀ (W2 h − y)) ∘ (1 − h²) stays whole. One sum at a time, each tried once.
 */
export function openWherePays(net: Network, tidy: (n: Network) => Network): Network {
  const current = net;
  for (let k = 0; k < current.terms.length; k++) {
    const term = current.terms[k];
    const here = new Set(term.graph.mapNodes((_n, a) => base(a)));
    for (const node of term.graph.filterNodes((_n, a) => a.kind === "box" && a.fn === "group")) {
      const box = term.graph.getNodeAttributes(node) as BoxNode;
      // only a sum that shares a factor with the rest of its term can cancel when opened
      const inside = box.inner.terms.flatMap((t) => t.graph.mapNodes((_n, a) => base(a)));
      if (!inside.some((b) => b !== "" && here.has(b))) continue;
      const opened = substitute(term, node, box.inner, 0, box.inner.shape.length);
      const others = current.terms.filter((_, j) => j !== k);
      const candidate = tidy({ shape: net.shape, terms: [...others, ...opened] });
      if (networkSize(candidate) < networkSize(current)) return openWherePays(candidate, tidy);
    }
  }
  return current;
}
