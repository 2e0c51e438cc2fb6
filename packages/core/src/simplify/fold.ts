/**
 * Constant folding of function boxes: a box whose inner network is a constant becomes that
 * constant's image (`exp(0)` → 1, `tanh` of zero → zero), `pow(u, 1)` becomes u and `pow(u, 0)`
 * the ones tensor.
 */
import { elementwise } from "../evaluate/functions.js";
import { scale, zero } from "../network/combine.js";
import { ones } from "../network/ops.js";
import type { BoxNode, ElementwiseFn, Network, TermGraph } from "../network/types.js";
import { elementwiseFunctions } from "../network/types.js";

/** The value c when `net` is c times the ones tensor (0 for the zero network), else undefined. */
export function constantValue(net: Network): number | undefined {
  if (net.terms.length === 0) return 0;
  if (net.terms.length > 1) return undefined;
  const { coeff, graph } = net.terms[0];
  if (Object.keys(coeff.dims).length > 0) return undefined;
  const onlyOnes = (g: TermGraph) =>
    g.everyNode(
      (node, attrs) => attrs.kind === "free" || (attrs.kind === "copy" && g.degree(node) === 1),
    );
  return onlyOnes(graph) ? coeff.value : undefined;
}

function isElementwise(fn: string): fn is ElementwiseFn {
  return (elementwiseFunctions as readonly string[]).includes(fn);
}

/** What a box folds to, as a network of the box's shape, or undefined when it stays a box. */
export function foldBox(node: BoxNode): Network | undefined {
  if (!isElementwise(node.fn)) return undefined;
  const shape = node.inner.shape;
  if (node.fn === "pow" && node.param === 1) return node.inner;
  if (node.fn === "pow" && node.param === 0) return ones(shape);
  const c = constantValue(node.inner);
  if (c === undefined) return undefined;
  const value = node.fn === "pow" ? c ** (node.param ?? 1) : elementwise[node.fn](c);
  if (!Number.isFinite(value)) return undefined;
  return value === 0 ? zero(shape) : scale(ones(shape), value);
}
