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
  /** Equal for twins: nodes with one label and the same wires to the same neighbours. */
  twinKey: string[];
}

function adjacency(g: TermGraph): Adjacency {
  const nodes = g.nodes();
  const index = new Map(nodes.map((n, i) => [n, i]));
  const labels = nodes.map((n) => nodeLabel(g.getNodeAttributes(n)));
  const portLabel = (node: string, port: number) =>
    g.getNodeAttribute(node, "kind") === "copy" ? "*" : String(port);
  const ends: Adjacency["ends"] = nodes.map(() => []);
  g.forEachEdge((_e, a, s, t) => {
    const si = index.get(s) as number;
    const ti = index.get(t) as number;
    const sp = portLabel(s, a.sourcePort);
    const tp = portLabel(t, a.targetPort);
    ends[si].push([sp, ti, tp, String(a.dim)]);
    ends[ti].push([tp, si, sp, String(a.dim)]);
  });
  const twinKey = ends.map(
    (list, i) =>
      `${labels[i]}|${list
        .map(([p, j, q, d]) => `${p}:${j}:${q}:${d}`)
        .sort()
        .join(",")}`,
  );
  return { nodes, labels, ends, twinKey };
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

/**
 * Individualisation-refinement: explores every node of the first non-trivial colour class and
 * keeps the smallest leaf. Two leaves with equal serialisations reveal an automorphism; branches
 * that an automorphism fixing the path so far maps onto an explored one give the same leaves and
 * are skipped (nauty's orbit pruning), which keeps symmetric networks cheap.
 */
class Search {
  best: string | undefined;
  private leaves = new Map<string, number[]>();
  private automorphisms: number[][] = [];

  constructor(private adj: Adjacency) {}

  run(colours: number[], path: number[]): void {
    const refined = refine(this.adj, colours);
    const members = new Map<number, number[]>();
    refined.forEach((c, i) => {
      members.set(c, [...(members.get(c) ?? []), i]);
    });
    const cell = [...members.entries()]
      .filter(([, m]) => m.length > 1)
      .sort((a, b) => a[0] - b[0])[0];
    if (!cell) {
      this.leaf(refined);
      return;
    }
    const orbit = this.orbits(path);
    const explored: number[] = [];
    // nodes with the same label and the same neighbours can be swapped: any one of them will do
    const candidates = cell[1].every((v) => this.adj.twinKey[v] === this.adj.twinKey[cell[1][0]])
      ? [cell[1][0]]
      : cell[1];
    for (const v of candidates) {
      if (explored.some((u) => orbit(u) === orbit(v))) continue;
      explored.push(v);
      // individualise v: it keeps the class's colour, the rest of the class moves just above it
      this.run(
        refined.map((c, k) => 2 * c + (c === cell[0] && k !== v ? 1 : 0)),
        [...path, v],
      );
    }
  }

  private leaf(colours: number[]): void {
    const key = serialise(this.adj, colours);
    const known = this.leaves.get(key);
    if (known) {
      const nodeAt: number[] = [];
      known.forEach((c, u) => {
        nodeAt[c] = u;
      });
      this.automorphisms.push(colours.map((c) => nodeAt[c]));
    } else this.leaves.set(key, colours);
    if (this.best === undefined || key < this.best) this.best = key;
  }

  /** Orbit representatives under the known automorphisms that fix every node of `path`. */
  private orbits(path: number[]): (u: number) => number {
    const parent = this.adj.nodes.map((_, i) => i);
    const find = (x: number): number => {
      if (parent[x] !== x) parent[x] = find(parent[x]);
      return parent[x];
    };
    for (const g of this.automorphisms) {
      if (!path.every((p) => g[p] === p)) continue;
      g.forEach((to, from) => {
        parent[find(from)] = find(to);
      });
    }
    return find;
  }
}

function initialColours(adj: Adjacency): number[] {
  const rank = new Map([...new Set(adj.labels)].sort().map((l, r) => [l, r]));
  return adj.labels.map((l) => rank.get(l) as number);
}

/**
 * A cheap isomorphism invariant (colour refinement without individualisation): isomorphic graphs
 * have equal invariants, so only terms with equal invariants need their canonical forms compared.
 */
export function graphInvariant(g: TermGraph): string {
  const adj = adjacency(g);
  const colours = refine(adj, initialColours(adj));
  return adj.ends
    .map(
      (list, i) =>
        `${colours[i]}:${list.map(([p, j, q, d]) => `${p}${q}${d}.${colours[j]}`).sort()}`,
    )
    .sort()
    .join(";");
}

/** The canonical string of a term's graph: equal strings ⇔ isomorphic graphs. */
export function graphKey(g: TermGraph): string {
  let key = graphKeys.get(g);
  if (key === undefined) {
    const adj = adjacency(g);
    const search = new Search(adj);
    search.run(initialColours(adj), []);
    key = search.best as string;
    graphKeys.set(g, key);
  }
  return key;
}

/** The canonical string of a whole network (its terms with coefficients, order-free). */
export function networkKey(net: Network): string {
  let key = networkKeys.get(net);
  if (key === undefined) {
    const terms = net.terms
      .map((t) => `${t.coeff.value}*${monomialKey(t.coeff)}*${graphKey(t.graph)}`)
      .sort();
    key = `[${net.shape.join(",")}]{${terms.join("+")}}`;
    networkKeys.set(net, key);
  }
  return key;
}
