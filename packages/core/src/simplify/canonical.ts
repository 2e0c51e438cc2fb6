/**
 * Canonical forms of terms and networks: two terms are equal (isomorphic as port-labelled graphs
 * with node labels) exactly when their canonical strings are equal.
 *
 * The labelling is found by colour refinement (each node's colour gathers its neighbours' colours
 * and the ports that join them) followed by individualisation: while some colour class holds
 * several nodes, try each of them as the distinguished one and keep the smallest serialisation.
 * The result is exact, not a hash. Copy tensors' legs are interchangeable, so their ports do not
 * count. Results are memoised per graph and per network (both are immutable).
 */
import { monomialKey } from "../network/coefficient.js";
import type { Network, NodeAttrs, TermGraph } from "../network/types.js";

const graphKeys = new WeakMap<TermGraph, string>();
const networkKeys = new WeakMap<Network, string>();

function nodeLabel(attrs: NodeAttrs): string {
  switch (attrs.kind) {
    case "tensor":
      return `T(${attrs.name})`;
    case "copy":
      return `C(${attrs.dim})`;
    case "fuse":
      return "R";
    case "free":
      return `F(${attrs.axis})`;
    case "box":
      return `B(${attrs.fn},${attrs.param ?? ""},${networkKey(attrs.inner)})`;
  }
}

interface Adjacency {
  nodes: string[];
  labels: string[];
  /** For node i: [own port label, neighbour index, neighbour's port label, dim] per wire end. */
  ends: [string, number, string, string][][];
}

function adjacency(g: TermGraph): Adjacency {
  const nodes = g.nodes();
  const index = new Map(nodes.map((n, i) => [n, i]));
  const labels = nodes.map((n) => nodeLabel(g.getNodeAttributes(n)));
  const portLabel = (node: string, port: number) => (g.getNodeAttribute(node, "kind") === "copy" ? "*" : String(port));
  const ends: Adjacency["ends"] = nodes.map(() => []);
  g.forEachEdge((_e, a, s, t) => {
    const si = index.get(s) as number;
    const ti = index.get(t) as number;
    const sp = portLabel(s, a.sourcePort);
    const tp = portLabel(t, a.targetPort);
    ends[si].push([sp, ti, tp, String(a.dim)]);
    ends[ti].push([tp, si, sp, String(a.dim)]);
  });
  return { nodes, labels, ends };
}

/** Refines colours until stable; colours are ranks of sorted signatures, so they are canonical. */
function refine(adj: Adjacency, colours: number[]): number[] {
  let current = colours;
  for (;;) {
    const signatures = current.map((c, i) => {
      const around = adj.ends[i].map(([p, j, q, d]) => `${p}:${q}:${d}:${current[j]}`).sort();
      return `${c}|${around.join(",")}`;
    });
    const ranks = new Map([...new Set(signatures)].sort().map((s, r) => [s, r]));
    const next = signatures.map((s) => ranks.get(s) as number);
    if (new Set(next).size === new Set(current).size) return next;
    current = next;
  }
}

function serialise(adj: Adjacency, colours: number[]): string {
  const edges: string[] = [];
  adj.ends.forEach((list, i) => {
    for (const [p, j, q, d] of list) {
      const a = `${colours[i]}.${p}`;
      const b = `${colours[j]}.${q}`;
      if (a <= b) edges.push(`${a}-${b}:${d}`);
    }
  });
  const byColour = adj.labels.map((l, i) => [colours[i], l] as const).sort((x, y) => x[0] - y[0]);
  return `${byColour.map(([, l]) => l).join(";")}|${edges.sort().join(";")}`;
}

function search(adj: Adjacency, colours: number[]): string {
  const refined = refine(adj, colours);
  const counts = new Map<number, number[]>();
  refined.forEach((c, i) => counts.set(c, [...(counts.get(c) ?? []), i]));
  const cell = [...counts.entries()].filter(([, m]) => m.length > 1).sort((a, b) => a[0] - b[0])[0];
  if (!cell) return serialise(adj, refined);
  let best: string | undefined;
  for (const i of cell[1]) {
    // individualise node i: it alone keeps its colour, the rest of its class moves just above it
    const split = refined.map((c, k) => 2 * c + (c === cell[0] && k !== i ? 1 : 0));
    const s = search(adj, split);
    if (best === undefined || s < best) best = s;
  }
  return best as string;
}

/** The canonical string of a term's graph: equal strings ⇔ isomorphic graphs. */
export function graphKey(g: TermGraph): string {
  let key = graphKeys.get(g);
  if (key === undefined) {
    const adj = adjacency(g);
    const initial = [...new Set(adj.labels)].sort();
    const rank = new Map(initial.map((l, r) => [l, r]));
    key = search(adj, adj.labels.map((l) => rank.get(l) as number));
    graphKeys.set(g, key);
  }
  return key;
}

/** The canonical string of a whole network (its terms with coefficients, order-free). */
export function networkKey(net: Network): string {
  let key = networkKeys.get(net);
  if (key === undefined) {
    const terms = net.terms.map((t) => `${t.coeff.value}*${monomialKey(t.coeff)}*${graphKey(t.graph)}`).sort();
    key = `[${net.shape.join(",")}]{${terms.join("+")}}`;
    networkKeys.set(net, key);
  }
  return key;
}
