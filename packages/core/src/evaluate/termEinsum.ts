/**
 * A term as one einsum: the bridge from a network's graph to labelled operands.
 *
 * Wires become integer labels; every wire at a copy tensor gets the same label (a hyperedge, never
 * a materialised δ array); free nodes give the output labels, repeats allowed (a diagonal). A
 * reshape node splits its fused label into [slow, fast], a free row-major view of the operands
 * that carry it. A label that two reshapes split alike joins their parts; split two different
 * ways (vec(Xᵀ) read back by unvec) it keeps the first split and meets the other through an
 * explicit 0/1 reshape tensor. The evaluator and the code generators read the same result.
 */
import { wireEnds } from "../network/graph.js";
import type { BoxNode, Dim, TensorNode, Term } from "../network/types.js";

export interface TermEinsum {
  /** Tensors and boxes, each with the (split) labels of its ports. */
  factors: { node: string; attrs: TensorNode | BoxNode; labels: number[] }[];
  /** 0/1 reshape tensors R[fast, slow, fused] (labels split), of sizes fast and slow. */
  reshapes: { labels: number[]; fast: Dim; slow: Dim }[];
  output: number[];
  /** The dimension of every label in use. */
  dims: Map<number, Dim>;
}

class Labels {
  private parent: number[] = [];
  fresh(): number {
    this.parent.push(this.parent.length);
    return this.parent.length - 1;
  }
  find(x: number): number {
    while (this.parent[x] !== x) {
      this.parent[x] = this.parent[this.parent[x]];
      x = this.parent[x];
    }
    return x;
  }
  union(a: number, b: number): void {
    this.parent[this.find(a)] = this.find(b);
  }
}

/** `termEinsum(term)`: the term's factors, output and label dimensions. */
export function termEinsum(term: Term): TermEinsum {
  const g = term.graph;
  const labels = new Labels();
  const edgeLabel = new Map<string, number>();
  const dimOf = new Map<number, Dim>();
  g.forEachEdge((edge, attrs) => {
    const l = labels.fresh();
    edgeLabel.set(edge, l);
    dimOf.set(l, attrs.dim);
  });
  g.forEachNode((node, attrs) => {
    if (attrs.kind !== "copy") return;
    const [first, ...rest] = wireEnds(g, node);
    for (const end of rest)
      labels.union(edgeLabel.get(end.edge) as number, edgeLabel.get(first.edge) as number);
  });
  const portLabels = (node: string) =>
    wireEnds(g, node).map((e) => labels.find(edgeLabel.get(e.edge) as number));
  const dim = (l: number) => dimOf.get(l) as Dim;

  const splits: [number, number[]][] = [];
  const conflicting: number[][] = [];
  g.forEachNode((node, attrs) => {
    if (attrs.kind !== "fuse") return;
    const [fast, slow, fused] = portLabels(node).map((l) => labels.find(l));
    const known = splits.find(([f]) => labels.find(f) === fused)?.[1];
    if (!known) splits.push([fused, [slow, fast]]);
    else if (dim(known[0]) === dim(slow) && dim(known[1]) === dim(fast)) {
      labels.union(slow, known[0]);
      labels.union(fast, known[1]);
    } else conflicting.push([fast, slow, fused]);
  });
  const expansion = new Map(splits.map(([f, parts]) => [labels.find(f), parts]));
  const expand = (ls: readonly number[]): number[] =>
    ls.flatMap((l) => {
      const root = labels.find(l);
      const parts = expansion.get(root);
      return parts ? expand(parts) : [root];
    });

  const factors: TermEinsum["factors"] = [];
  const output: number[] = [];
  g.forEachNode((node, attrs) => {
    if (attrs.kind === "free") output[attrs.axis] = portLabels(node)[0];
    if (attrs.kind === "tensor" || attrs.kind === "box")
      factors.push({ node, attrs, labels: expand(portLabels(node)) });
  });
  const reshapes = conflicting.map(([fast, slow, fused]) => ({
    labels: expand([fast, slow, fused]),
    fast: dim(fast),
    slow: dim(slow),
  }));
  const dims = new Map<number, Dim>();
  for (const [l, d] of dimOf) {
    const root = labels.find(l);
    if (!expansion.has(root)) dims.set(root, d); // a split label lives on only as its parts
  }
  return { factors, reshapes, output: expand(output), dims };
}
