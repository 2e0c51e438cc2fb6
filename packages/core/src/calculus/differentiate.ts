/**
 * Derivatives by edge removal.
 *
 * d/dX of a term is the sum, over every node that depends on X, of the term with that node
 * replaced by its own derivative (the product rule): an occurrence of X is removed and its wires
 * become the new free indices; a function box is replaced by its Jacobian contracted with the
 * derivative of its inner network (the chain rule). The result has the expression's axes first,
 * then X's: J[out…, in…]. The rules form one table keyed by node kind.
 *
 * The chain rule keeps its own shape: a Jacobian or an inner derivative that is a sum enters the
 * term as one kept sum (a `group` box), not multiplied out, and the derivative of an inner network
 * is computed once however many boxes share it (memoised on the network object). So a chain of L
 * layers has a derivative of size linear in L, as backpropagation's.
 */
import type { Budget } from "../limits.js";
import { einsum } from "../network/einsum.js";
import { labels } from "../network/ops.js";
import { group } from "../network/primitives.js";
import { removeNode, substitute } from "../network/substitute.js";
import type { Network, NodeAttrs, NodeKind, Shape, Term } from "../network/types.js";
import { jacobians } from "./jacobians.js";
import { occurs } from "./occurs.js";

interface Context {
  wrt: string;
  wrtShape: Shape;
  /** Rank of the expression: new free indices are numbered from here. */
  outRank: number;
  /** Where each rule application is recorded, for derivations. */
  events?: string[];
}

type NodeRule<A extends NodeAttrs> = (term: Term, node: string, attrs: A, ctx: Context) => Term[];

const constant = () => [];

const rules: { [K in NodeKind]: NodeRule<Extract<NodeAttrs, { kind: K }>> } = {
  tensor: (term, node, attrs, ctx) => {
    if (attrs.name !== ctx.wrt) return [];
    ctx.events?.push(`remove ${attrs.name}: its wires become the new free indices`);
    return [removeNode(term, node, ctx.outRank)];
  },
  box: (term, node, attrs, ctx) => {
    if (!occurs(attrs.inner, ctx.wrt)) return [];
    const shape = boxShape(term, node);
    ctx.events?.push(
      attrs.fn === "group"
        ? "differentiate the kept sum as a whole"
        : `chain rule through ${attrs.fn}`,
    );
    const inner = group(innerDerivative(attrs.inner, ctx));
    if (attrs.fn === "group") return substitute(term, node, inner, ctx.outRank, shape.length);
    const jacobian = group(jacobians[attrs.fn](attrs, shape));
    const out = labels("o", shape.length);
    const mid = labels("i", attrs.inner.shape.length);
    const wrt = labels("x", ctx.wrtShape.length);
    const chained = einsum(
      [
        { net: jacobian, labels: [...out, ...mid] },
        { net: inner, labels: [...mid, ...wrt] },
      ],
      [...out, ...wrt],
    );
    return substitute(term, node, chained, ctx.outRank, shape.length);
  },
  copy: constant,
  fuse: constant,
  free: constant,
};

/** Inner derivatives by network object and variable: a shared inner network is differentiated once. */
const memo = new WeakMap<Network, Map<string, Network>>();

function innerDerivative(inner: Network, ctx: Context): Network {
  if (ctx.events) return differentiate(inner, ctx.wrt, ctx.wrtShape, ctx.events);
  const key = `${ctx.wrt}:${ctx.wrtShape.join(",")}`;
  const byVariable = memo.get(inner) ?? new Map<string, Network>();
  memo.set(inner, byVariable);
  const d = byVariable.get(key) ?? differentiate(inner, ctx.wrt, ctx.wrtShape);
  byVariable.set(key, d);
  return d;
}

/** The output shape of a box node, read off the dimensions of the wires at its ports. */
function boxShape(term: Term, node: string): Shape {
  const shape: (string | number)[] = [];
  term.graph.forEachEdge(node, (_e, attrs, source, target) => {
    if (source === node) shape[attrs.sourcePort] = attrs.dim;
    if (target === node) shape[attrs.targetPort] = attrs.dim;
  });
  return shape;
}

function differentiateTerm(term: Term, ctx: Context, budget?: Budget): Term[] {
  const out: Term[] = [];
  term.graph.forEachNode((node, attrs) => {
    const rule = rules[attrs.kind] as NodeRule<NodeAttrs>;
    for (const made of rule(term, node, attrs, ctx)) {
      budget?.add(made);
      out.push(made);
    }
  });
  return out;
}

/**
 * ∂net/∂wrt, of shape [...net.shape, ...wrtShape]: `differentiate(build("x * y"), "x", ["n"])`.
 * A variable that does not occur gives the zero network of that shape. `events`, when given,
 * collects a line per rule applied (each removal, each chain rule). `budget`, when given, counts
 * every term made and stops the derivative past its limits (see limits.ts).
 */
export function differentiate(
  net: Network,
  wrt: string,
  wrtShape: Shape,
  events?: string[],
  budget?: Budget,
): Network {
  const ctx: Context = { wrt, wrtShape, outRank: net.shape.length, events };
  return {
    shape: [...net.shape, ...wrtShape],
    terms: occurs(net, wrt) ? net.terms.flatMap((t) => differentiateTerm(t, ctx, budget)) : [],
  };
}
