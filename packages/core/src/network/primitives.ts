/**
 * The primitive networks: a variable, a function box, and the reshape tensor that `vec`, `unvec`
 * and `kron` are built from. Everything else is an `einsum` of these.
 */

import { multiplyDims } from "../language/dims.js";
import { one } from "./coefficient.js";
import { fuseCopies } from "./copies.js";
import { openFreeNodes } from "./einsum.js";

export { group } from "./einsum.js";

import { addNode, connect, copyInto, emptyGraph } from "./graph.js";
import type { BoxFn, Dim, Network, NodeAttrs, Shape } from "./types.js";

/** A network of one node whose port k is wired to output axis k. */
function single(attrs: NodeAttrs, shape: Shape): Network {
  const g = emptyGraph();
  const node = addNode(g, attrs);
  shape.forEach((dim, axis) => {
    connect(g, node, axis, addNode(g, { kind: "free", axis }), 0, dim);
  });
  return { shape, terms: [{ coeff: one, graph: g }] };
}

/** The variable `name` of shape `shape`: `variable("A", ["m", "n"])`. */
export function variable(name: string, shape: Shape): Network {
  return single({ kind: "tensor", name, rank: shape.length }, shape);
}

/** `fn(inner)` with output shape `shape`: `box("tanh", x, x.shape)`. */
export function box(fn: BoxFn, inner: Network, shape: Shape, param?: number): Network {
  return single(
    param === undefined ? { kind: "box", fn, inner } : { kind: "box", fn, inner, param },
    shape,
  );
}

/**
 * Merges groups of axes into single axes, column-major (the first axis of a group varies fastest):
 * `reshape(X, [[0, 1]])` is vec(X). Output axis g is group g; every axis appears in one group.
 */
export function reshape(net: Network, groups: readonly (readonly number[])[]): Network {
  const shape = groups.map((group) => multiplyDims(...group.map((a) => net.shape[a])));
  const terms = net.terms.map((term) => {
    const g = emptyGraph();
    const points = openFreeNodes(g, copyInto(g, term.graph), net.shape);
    groups.forEach((group, axis) => {
      let end = points[group[0]];
      let dim = net.shape[group[0]];
      for (const a of group.slice(1)) {
        const fuse = addNode(g, { kind: "fuse" });
        connect(g, end, 0, fuse, 0, dim);
        connect(g, points[a], 0, fuse, 1, net.shape[a]);
        dim = multiplyDims(dim, net.shape[a]);
        end = addNode(g, { kind: "copy", dim });
        connect(g, fuse, 2, end, 0, dim);
      }
      connect(g, end, 0, addNode(g, { kind: "free", axis }), 0, dim);
    });
    return fuseCopies({ coeff: term.coeff, graph: g });
  });
  return { shape, terms };
}

/** Splits axis `axis` of size fast·slow into two axes [fast, slow] (the inverse of `reshape`). */
export function splitAxis(net: Network, axis: number, fast: Dim, slow: Dim): Network {
  const shape = [...net.shape.slice(0, axis), fast, slow, ...net.shape.slice(axis + 1)];
  const terms = net.terms.map((term) => {
    const g = emptyGraph();
    const points = openFreeNodes(g, copyInto(g, term.graph), net.shape);
    const fuse = addNode(g, { kind: "fuse" });
    const free = (a: number) => addNode(g, { kind: "free", axis: a });
    points.forEach((p, a) => {
      if (a < axis) connect(g, p, 0, free(a), 0, net.shape[a]);
      else if (a > axis) connect(g, p, 0, free(a + 1), 0, net.shape[a]);
      else connect(g, p, 0, fuse, 2, net.shape[a]);
    });
    connect(g, fuse, 0, free(axis), 0, fast);
    connect(g, fuse, 1, free(axis + 1), 0, slow);
    return fuseCopies({ coeff: term.coeff, graph: g });
  });
  return { shape, terms };
}
