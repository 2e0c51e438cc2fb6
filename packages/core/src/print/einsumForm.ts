/**
 * The index form in the input language: a network read term by term as `einsum`s, with no
 * factoring at all. It is the formula shown when a matrix form fails its certificate, and it is
 * right by construction: every wire is a label, a copy tensor is a label shared by all its legs
 * (a hyperedge), a function box is a call on its own inner network, a reshape node is the `fuse`
 * tensor. Output axes that share a label meet through `eye(n)`, an output axis no factor carries is
 * `ones(n)`, and a term with no factor is its coefficient.
 */
import { multiplyDims } from "../language/dims.js";
import { wireEnds } from "../network/graph.js";
import type { Dim, Network, Term } from "../network/types.js";
import { add, apply, eye, fuse, type MExpr, mul, num, ones, variable } from "./matrix/expr.js";

const LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** Too many labels for one einsum (52 letters): no index form in the input language. */
class OutOfLetters extends Error {}

function termForm(term: Term, rank: number): MExpr {
  const g = term.graph;
  const root = new Map<string, string>(); // edge → representative edge (union at copy tensors)
  const find = (e: string): string => {
    let r = e;
    while (root.get(r) !== r) r = root.get(r) as string;
    return r;
  };
  g.forEachEdge((edge) => {
    root.set(edge, edge);
  });
  g.forEachNode((node, attrs) => {
    if (attrs.kind !== "copy") return;
    const [first, ...rest] = wireEnds(g, node);
    for (const end of rest) root.set(find(end.edge), find(first.edge));
  });
  const letter = new Map<string, string>();
  const dims = new Map<string, Dim>();
  const fresh = (dim: Dim): string => {
    const l = LETTERS[dims.size];
    if (l === undefined) throw new OutOfLetters();
    dims.set(l, dim);
    return l;
  };
  const label = (edge: string, dim: Dim): string => {
    const r = find(edge);
    let l = letter.get(r);
    if (l === undefined) {
      l = fresh(dim);
      letter.set(r, l);
    }
    return l;
  };
  const inputs: string[][] = [];
  const args: MExpr[] = [];
  const output: string[] = [];
  g.forEachNode((node, attrs) => {
    const ends = wireEnds(g, node);
    const ls = ends.map((e) => label(e.edge, e.dim));
    const shape = ends.map((e) => e.dim);
    if (attrs.kind === "free") output[attrs.axis] = ls[0];
    else if (attrs.kind === "tensor") args.push(variable(attrs.name, shape));
    else if (attrs.kind === "box" && attrs.fn === "group") args.push(einsumForm(attrs.inner));
    else if (attrs.kind === "box")
      args.push(apply(attrs.fn, einsumForm(attrs.inner), shape, attrs.param));
    else if (attrs.kind === "fuse")
      args.push(fuse([shape[0], shape[1], multiplyDims(shape[0], shape[1])]));
    if (attrs.kind === "tensor" || attrs.kind === "box" || attrs.kind === "fuse") inputs.push(ls);
  });
  // an output label used twice is a diagonal: the second use meets the first through eye(n)
  const carried = new Set(inputs.flat());
  const seen = new Set<string>();
  const outputs = output.slice(0, rank).map((l) => {
    if (!seen.has(l)) {
      seen.add(l);
      return l;
    }
    const dim = dims.get(l) as Dim;
    const other = fresh(dim);
    inputs.push([l, other]);
    args.push(eye(dim));
    carried.add(l);
    return other;
  });
  // an output label no factor carries is constant along its axis: ones(n)
  for (const l of outputs)
    if (!carried.has(l)) {
      inputs.push([l]);
      args.push(ones(dims.get(l) as Dim));
    }
  const plain = Object.keys(term.coeff.dims).length === 0 && term.coeff.value === 1;
  if (args.length === 1 && inputs[0].join("") === outputs.join("") && plain) return args[0];
  if (args.length === 0)
    return Object.keys(term.coeff.dims).length ? mul(term.coeff, [num(1)]) : num(term.coeff.value);
  return mul(term.coeff, [
    { op: "einsum", inputs, output: outputs, args, shape: outputs.map((l) => dims.get(l) as Dim) },
  ]);
}

/**
 * The network as a sum of einsums, or undefined when a term needs more than 52 labels:
 * `inputFormula(einsumForm(d.network))` for ∂[W(A∘B)]/∂A is
 * `einsum('ab,bc,dc->adbc', W, B, eye(q))`-like, valid in the input language.
 */
export function einsumForm(net: Network): MExpr {
  if (net.terms.length === 0) return mul({ value: 0, dims: {} }, [zeros(net)]);
  return add(net.terms.map((t) => termForm(t, net.shape.length)));
}

/** Zero of the network's shape: 0 times ones along every axis. */
function zeros(net: Network): MExpr {
  if (net.shape.length === 0) return num(1);
  const letters = net.shape.map((_, k) => LETTERS[k]);
  return {
    op: "einsum",
    inputs: letters.map((l) => [l]),
    output: letters,
    args: net.shape.map((d) => ones(d)),
    shape: net.shape,
  };
}

/** `einsumForm`, or undefined when it cannot be written with 52 einsum letters. */
export function tryEinsumForm(net: Network): MExpr | undefined {
  try {
    return einsumForm(net);
  } catch (e) {
    if (e instanceof OutOfLetters) return undefined;
    throw e;
  }
}
