/**
 * The chain rule's data: for each function a box can hold, its Jacobian as a network.
 *
 * `jacobians[fn](box, shape)` returns J with axes [output axes…, input axes…] (the box's ports,
 * then its inner network's free axes), written with the same kinds of boxes, so derivatives of any
 * order need nothing more. Elementwise rules give f′(u) and are placed on the diagonal by copy
 * tensors. A `Record` keyed by every function makes a missing rule a compile error. An inner
 * network that enters a rule as a factor (u in ∂u²/∂u = 2u) is kept whole (`group`), so the
 * Jacobian is one product, not one per term of u.
 */
import { scale, sum, zero } from "../network/combine.js";
import { einsum } from "../network/einsum.js";
import { apply, labels, ones } from "../network/ops.js";
import { box, group } from "../network/primitives.js";
import type { BoxFn, BoxNode, ElementwiseFn, Network, Shape } from "../network/types.js";

type Jacobian = (node: BoxNode, shape: Shape) => Network;

/** f′(u) for each elementwise f. */
const derivatives: Record<ElementwiseFn, (u: Network, p: number) => Network> = {
  exp: (u) => apply("exp", u),
  log: (u) => apply("pow", u, -1),
  sqrt: (u) => scale(apply("pow", u, -0.5), 0.5),
  tanh: (u) => sum([ones(u.shape), scale(apply("pow", apply("tanh", u), 2), -1)]),
  sigmoid: (u) => sum([apply("sigmoid", u), scale(apply("pow", apply("sigmoid", u), 2), -1)]),
  sin: (u) => apply("cos", u),
  cos: (u) => scale(apply("sin", u), -1),
  abs: (u) => apply("sign", u),
  relu: (u) => apply("step", u),
  softplus: (u) => apply("sigmoid", u),
  sign: (u) => zero(u.shape),
  step: (u) => zero(u.shape),
  pow: (u, p) => (p === 1 ? ones(u.shape) : scale(p === 2 ? group(u) : apply("pow", u, p - 1), p)),
};

/** f′(u) on the diagonal: J[i…, j…] = f′(u)[i…] δ(i, j)… */
function elementwise(node: BoxNode): Network {
  // f′(u) kept whole before it goes on the diagonal: a vector 1 − tanh²(u), not a matrix of sums
  const d = group(derivatives[node.fn as ElementwiseFn](node.inner, node.param ?? 1));
  const l = labels("e", d.shape.length);
  return einsum([{ net: d, labels: l }], [...l, ...l]);
}

/** Per-row functions act on the last axis; the leading (batch) axes pass through as δ's. */
function batchLabels(rank: number): { batch: string[]; a: string; c: string } {
  return { batch: labels("b", rank - 1), a: "a", c: "c" };
}

const inverse = (node: BoxNode, shape: Shape) => box("inv", node.inner, shape);

/** The identity on a tensor of this shape: J[i…, j…] = δ(i, j)… */
function identity(shape: Shape): Network {
  const l = labels("g", shape.length);
  return einsum([], [...l, ...l], Object.fromEntries(l.map((x, k) => [x, shape[k]])));
}

export const jacobians: Record<BoxFn, Jacobian> = {
  group: (_node, shape) => identity(shape),
  exp: elementwise,
  log: elementwise,
  sqrt: elementwise,
  tanh: elementwise,
  sigmoid: elementwise,
  sin: elementwise,
  cos: elementwise,
  abs: elementwise,
  relu: elementwise,
  softplus: elementwise,
  sign: elementwise,
  step: elementwise,
  pow: elementwise,
  // d inv(U) = −inv(U) dU inv(U)
  inv: (node, shape) => {
    const v = inverse(node, shape);
    return scale(
      einsum(
        [
          { net: v, labels: ["a", "c"] },
          { net: v, labels: ["d", "b"] },
        ],
        ["a", "b", "c", "d"],
      ),
      -1,
    );
  },
  // ∂ det U / ∂U = det(U) inv(U)ᵀ
  det: (node) => {
    const u = node.inner;
    const d = box("det", u, []);
    return einsum(
      [
        { net: d, labels: [] },
        { net: inverse(node, u.shape), labels: ["d", "c"] },
      ],
      ["c", "d"],
    );
  },
  // ∂ log|det U| / ∂U = inv(U)ᵀ
  logdet: (node) =>
    einsum([{ net: inverse(node, node.inner.shape), labels: ["d", "c"] }], ["c", "d"]),
  // ∂s/∂u = Diag(s) − s sᵀ, row by row
  softmax: (node, shape) => {
    const s = box("softmax", node.inner, shape);
    const { batch, a, c } = batchLabels(shape.length);
    const diagonal = einsum([{ net: s, labels: [...batch, a] }], [...batch, a, ...batch, a]);
    const outer = einsum(
      [
        { net: s, labels: [...batch, a] },
        { net: s, labels: [...batch, c] },
      ],
      [...batch, a, ...batch, c],
    );
    return sum([diagonal, scale(outer, -1)]);
  },
  // ∂ logsumexp(u) / ∂u = softmax(u), row by row
  logsumexp: (node) => {
    const u = node.inner;
    const { batch, c } = batchLabels(u.shape.length);
    return einsum(
      [{ net: box("softmax", u, u.shape), labels: [...batch, c] }],
      [...batch, ...batch, c],
    );
  },
  // ∂‖U‖/∂U = U / ‖U‖
  norm: (node) => {
    const u = node.inner;
    const l = labels("n", u.shape.length);
    const inverseNorm = apply("pow", box("norm", u, []), -1);
    return einsum(
      [
        { net: group(u), labels: l },
        { net: inverseNorm, labels: [] },
      ],
      l,
    );
  },
};
