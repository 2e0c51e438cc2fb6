/**
 * Collecting powers: two factors of a term over the same base at the same indices, at least one
 * of them a `pow` box, multiply into one power, uᵃ ∘ uᵇ = uᵃ⁺ᵇ. A factor that is not a `pow` box
 * is its own base to the power 1, so ‖u‖ ‖u‖⁻¹ cancels and s⁻¹ ∘ s becomes the ones tensor,
 * while x ∘ x ∘ x keeps its three tensors (the diagram shows them on one copy tensor).
 *
 * Two factors stand at the same indices when both are scalars, or when each port of one meets
 * the same copy tensor as the same port of the other (a Hadamard product). Their bases must be
 * equal networks (canonical forms). The product replaces the first factor; an exponent of 0
 * removes both (the copy tensors they met lose those legs).
 *
 * Bases that are constants (a copy pattern such as `eye(n)`, the ones or the zero tensor) are left
 * to constant folding: their zeros are certain, and 0² ∘ 0⁻¹ is NaN in NumPy, not 0¹.
 */
import { one } from "../network/coefficient.js";
import { addNode, connect, emptyGraph, wireEnds } from "../network/graph.js";
import type { Network, NodeAttrs, Term, TermGraph } from "../network/types.js";
import { networkKey } from "./canonical.js";
import { copyPattern } from "./pattern.js";

interface Factor {
  node: string;
  base: Network;
  exponent: number;
  /** Only products with at least one `pow` box collect: x ∘ x stays a product of tensors. */
  isPow: boolean;
  /** The copy tensor at each port, or undefined when a port meets anything else. */
  hubs: (string | undefined)[];
}

/** The network of a single node alone, its port k wired to output axis k. */
function alone(attrs: NodeAttrs, shape: readonly (string | number)[]): Network {
  const g = emptyGraph();
  const node = addNode(g, attrs);
  shape.forEach((dim, axis) => {
    connect(g, node, axis, addNode(g, { kind: "free", axis }), 0, dim);
  });
  return { shape, terms: [{ coeff: one, graph: g }] };
}

function factorsOf(g: TermGraph): Factor[] {
  const out: Factor[] = [];
  g.forEachNode((node, attrs) => {
    if (attrs.kind !== "tensor" && attrs.kind !== "box") return;
    const ends = wireEnds(g, node);
    if (ends.some((e) => e.other === node)) return; // a trace of itself: not elementwise
    const hubs = ends.map((e) =>
      g.getNodeAttribute(e.other, "kind") === "copy" ? e.other : undefined,
    );
    const isPow = attrs.kind === "box" && attrs.fn === "pow";
    if (isPow && copyPattern(attrs.inner)) return;
    const base = isPow
      ? attrs.inner
      : alone(
          attrs,
          ends.map((e) => e.dim),
        );
    out.push({ node, base, exponent: isPow ? (attrs.param ?? 1) : 1, isPow, hubs });
  });
  return out;
}

function aligned(a: Factor, b: Factor): boolean {
  return (
    a.hubs.length === b.hubs.length && a.hubs.every((h, k) => h !== undefined && h === b.hubs[k])
  );
}

/** One pair collected, or undefined when the term has none. */
function collectOnce(term: Term): Term | undefined {
  const factors = factorsOf(term.graph);
  for (let i = 0; i < factors.length; i++) {
    for (let j = i + 1; j < factors.length; j++) {
      const [a, b] = [factors[i], factors[j]];
      if (!(a.isPow || b.isPow) || !aligned(a, b)) continue;
      if (networkKey(a.base) !== networkKey(b.base)) continue;
      const g = term.graph.copy() as TermGraph;
      const exponent = a.exponent + b.exponent;
      g.dropNode(b.node);
      if (exponent === 0) g.dropNode(a.node);
      else
        g.replaceNodeAttributes(a.node, { kind: "box", fn: "pow", inner: a.base, param: exponent });
      return { coeff: term.coeff, graph: g };
    }
  }
  return undefined;
}

/** Every term with its powers of equal bases collected. */
export function collectPowers(net: Network): Network {
  const terms = net.terms.map((term) => {
    let t = term;
    for (let next = collectOnce(t); next; next = collectOnce(t)) t = next;
    return t;
  });
  return { shape: net.shape, terms };
}
