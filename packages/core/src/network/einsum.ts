/**
 * The one way networks are combined: an einsum over networks.
 *
 * `einsum([{ net: W, labels: ["i", "j"] }, { net: x, labels: ["j"] }], ["i"])` is W @ x. Each
 * label becomes a copy tensor joining every axis that carries it and every output position that
 * names it, so a label on two axes is a plain wire, on three or more a Hadamard spider, a label
 * only in the output broadcasts (the ones vector) and a label on one axis only is summed. Spider
 * fusion then leaves plain wires where a copy tensor is not needed. A sum that is one factor of a
 * product stays whole, as one `group` node (so (A + B) @ (C + D) is one term, not four); a sum
 * that is the only factor (a transpose, a trace, an axis sum of it) distributes, term by term.
 */
import { multiply, one } from "./coefficient.js";
import { fuseCopies } from "./copies.js";
import { addNode, connect, copyInto, emptyGraph } from "./graph.js";
import type { Dim, Network, Term, TermGraph } from "./types.js";

export interface Factor {
  net: Network;
  labels: readonly string[];
}

/**
 * A sum kept whole as one node (a `group` box): `group(sum([a, b]))` is one term holding a + b, so
 * multiplying it by other factors does not multiply it out. One term or none needs no group.
 */
export function group(net: Network): Network {
  if (net.terms.length <= 1) return net;
  const g = emptyGraph();
  const node = addNode(g, { kind: "box", fn: "group", inner: net });
  net.shape.forEach((dim, axis) => {
    connect(g, node, axis, addNode(g, { kind: "free", axis }), 0, dim);
  });
  return { shape: net.shape, terms: [{ coeff: one, graph: g }] };
}

/** Every combination of one term from each list. */
function combinations(lists: readonly (readonly Term[])[]): Term[][] {
  let out: Term[][] = [[]];
  for (const list of lists) out = out.flatMap((prefix) => list.map((t) => [...prefix, t]));
  return out;
}

/**
 * Turns every free node of a freshly copied term into an attachment point (an order-1 copy tensor
 * that spider fusion will dissolve); returns their keys by axis.
 */
export function openFreeNodes(
  g: TermGraph,
  keys: Map<string, string>,
  shape: readonly Dim[],
): string[] {
  const points: string[] = [];
  for (const [, key] of keys) {
    const attrs = g.getNodeAttributes(key);
    if (attrs.kind === "free") {
      points[attrs.axis] = key;
      g.replaceNodeAttributes(key, { kind: "copy", dim: shape[attrs.axis] });
    }
  }
  return points;
}

/** The einsum of `factors` with output `output`; `dims` sizes labels that occur only in the output. */
export function einsum(
  factors: readonly Factor[],
  output: readonly string[],
  dims: Readonly<Record<string, Dim>> = {},
): Network {
  const labelDim = new Map<string, Dim>(Object.entries(dims));
  for (const { net, labels } of factors) {
    if (labels.length !== net.shape.length)
      throw new Error("internal: einsum labels do not match rank");
    labels.forEach((l, k) => {
      labelDim.set(l, net.shape[k]);
    });
  }
  const shape = output.map((l) => {
    const d = labelDim.get(l);
    if (d === undefined) throw new Error(`internal: no dimension for output label ${l}`);
    return d;
  });
  const kept = factors.length > 1 ? factors.map((f) => ({ ...f, net: group(f.net) })) : factors;
  const terms = combinations(kept.map((f) => f.net.terms)).map((parts) => {
    const g = emptyGraph();
    let coeff = one;
    const hubs = new Map<string, string>();
    const hub = (label: string) => {
      let key = hubs.get(label);
      if (key === undefined) {
        key = addNode(g, { kind: "copy", dim: labelDim.get(label) as Dim });
        hubs.set(label, key);
      }
      return key;
    };
    parts.forEach((term, j) => {
      coeff = multiply(coeff, term.coeff);
      const { net, labels } = factors[j];
      const points = openFreeNodes(g, copyInto(g, term.graph), net.shape);
      points.forEach((p, k) => {
        connect(g, hub(labels[k]), 0, p, 0, labelDim.get(labels[k]) as Dim);
      });
    });
    output.forEach((label, axis) => {
      const free = addNode(g, { kind: "free", axis });
      connect(g, hub(label), 0, free, 0, labelDim.get(label) as Dim);
    });
    return fuseCopies({ coeff, graph: g });
  });
  return { shape, terms };
}
