/**
 * Numbers from a network: each term becomes one einsum, planned and contracted.
 *
 * Wires become integer labels; every wire at a copy tensor gets the same label (a hyperedge, never
 * a materialised δ array); a reshape node splits its fused label into [slow, fast] (a free
 * row-major view); free nodes give the output labels, repeats allowed (a diagonal). Function boxes
 * are evaluated from their inner networks, once per distinct box.
 */

import { dimFactors } from "../language/dims.js";
import { numericValue } from "../network/coefficient.js";
import { wireEnds } from "../network/graph.js";
import type { BoxNode, Dim, Network, Term } from "../network/types.js";
import { networkKey } from "../simplify/canonical.js";
import { applyFunction } from "./apply.js";
import type { Operand } from "./contract.js";
import { contract } from "./contract.js";
import type { Tensor } from "./tensor.js";

export interface Environment {
  values: ReadonlyMap<string, Tensor>;
  /** The size of a dimension symbol (throws a DiagradError when it has none). */
  size: (symbol: string) => number;
}

/** The size of a dimension, products included, from the sizes of its symbols. */
function dimSize(d: Dim, env: Environment): number {
  const { coefficient, symbols } = dimFactors(d);
  return symbols.reduce((n, s) => n * env.size(s), coefficient);
}

class Labels {
  private parent: number[] = [];
  fresh(): number {
    this.parent.push(this.parent.length);
    return this.parent.length - 1;
  }
  find(x: number): number {
    while (this.parent[x] !== x) x = this.parent[x] = this.parent[this.parent[x]];
    return x;
  }
  union(a: number, b: number): void {
    this.parent[this.find(a)] = this.find(b);
  }
}

function evaluateTerm(
  term: Term,
  shape: readonly number[],
  env: Environment,
  boxes: Map<string, Tensor>,
): Tensor {
  const g = term.graph;
  const labels = new Labels();
  const edgeLabel = new Map<string, number>();
  const sizeOf = new Map<number, number>();
  g.forEachEdge((edge, attrs) => {
    const l = labels.fresh();
    edgeLabel.set(edge, l);
    sizeOf.set(l, dimSize(attrs.dim as Dim, env));
  });
  g.forEachNode((node, attrs) => {
    if (attrs.kind !== "copy") return;
    const ends = wireEnds(g, node);
    for (const end of ends.slice(1))
      labels.union(edgeLabel.get(end.edge) as number, edgeLabel.get(ends[0].edge) as number);
  });
  const portLabels = (node: string) =>
    wireEnds(g, node).map((e) => labels.find(edgeLabel.get(e.edge) as number));
  const sizes = new Map<number, number>();
  for (const [l, n] of sizeOf) sizes.set(labels.find(l), n);
  // A reshape node splits its fused label into [slow, fast], a free row-major view. A label that
  // two reshapes split alike joins their parts; split two different ways (vec(Xᵀ) read back by
  // unvec), it keeps the first split and meets the other through an explicit 0/1 reshape tensor.
  const splits: [number, number[]][] = [];
  const reshapes: number[][] = [];
  g.forEachNode((node, attrs) => {
    if (attrs.kind !== "fuse") return;
    const [fast, slow, fused] = portLabels(node).map((l) => labels.find(l));
    const known = splits.find(([f]) => labels.find(f) === fused)?.[1];
    const size = (l: number) => sizes.get(labels.find(l));
    if (!known) splits.push([fused, [slow, fast]]);
    else if (size(known[0]) === size(slow) && size(known[1]) === size(fast)) {
      labels.union(slow, known[0]);
      labels.union(fast, known[1]);
    } else reshapes.push([fast, slow, fused]);
  });
  const expansion = new Map(splits.map(([f, parts]) => [labels.find(f), parts]));
  const expand = (ls: readonly number[]): number[] =>
    ls.flatMap((l) => {
      const root = labels.find(l);
      const parts = expansion.get(root);
      return parts ? expand(parts) : [root];
    });
  sizes.clear();
  for (const [l, n] of sizeOf) {
    const root = labels.find(l);
    if (!expansion.has(root)) sizes.set(root, n); // a split label lives on only as its parts
  }

  const operands: Operand[] = [];
  const output: number[] = [];
  g.forEachNode((node, attrs) => {
    if (attrs.kind === "free") output[attrs.axis] = portLabels(node)[0];
    if (attrs.kind === "tensor" || attrs.kind === "box") {
      const value =
        attrs.kind === "tensor" ? env.values.get(attrs.name) : evaluateBox(attrs, env, boxes);
      if (!value)
        throw new Error(`internal: no value for ${attrs.kind === "tensor" ? attrs.name : "box"}`);
      const ls = expand(portLabels(node));
      operands.push({
        tensor: { shape: ls.map((l) => sizes.get(l) as number), data: value.data },
        labels: ls,
      });
    }
  });
  for (const [fast, slow, fused] of reshapes) {
    const [f, sl] = [
      sizes.get(labels.find(fast)) as number,
      sizes.get(labels.find(slow)) as number,
    ];
    const data = new Float64Array(f * sl * f * sl);
    for (let i = 0; i < f; i++)
      for (let j = 0; j < sl; j++) data[(i * sl + j) * f * sl + i + f * j] = 1;
    const ls = expand([fast, slow, fused]);
    operands.push({ tensor: { shape: ls.map((l) => sizes.get(l) as number), data }, labels: ls });
  }
  const result = contract(operands, expand(output), sizes);
  const c = numericValue(term.coeff, env.size);
  const data = new Float64Array(result.data.length);
  for (let i = 0; i < data.length; i++) data[i] = c * result.data[i];
  return { shape, data };
}

function evaluateBox(node: BoxNode, env: Environment, boxes: Map<string, Tensor>): Tensor {
  const key = `${node.fn}(${node.param ?? ""})${networkKey(node.inner)}`;
  let value = boxes.get(key);
  if (!value) {
    value = applyFunction(node.fn, evaluateWith(node.inner, env, boxes), node.param);
    boxes.set(key, value);
  }
  return value;
}

function evaluateWith(net: Network, env: Environment, boxes: Map<string, Tensor>): Tensor {
  const shape = net.shape.map((d) => dimSize(d, env));
  const total = new Float64Array(shape.reduce((a, b) => a * b, 1));
  for (const term of net.terms) {
    const t = evaluateTerm(term, shape, env, boxes);
    for (let i = 0; i < total.length; i++) total[i] += t.data[i];
  }
  return { shape, data: total };
}

/** The value of a network: `evaluateNetwork(net, { values, size })` → a row-major Tensor. */
export function evaluateNetwork(net: Network, env: Environment): Tensor {
  return evaluateWith(net, env, new Map());
}
