/**
 * Constant folding of function boxes: a box whose inner network is a constant becomes that
 * constant's image (`exp(0)` → 1, `tanh` of zero → zero), `pow(u, 1)` becomes u and `pow(u, 0)`
 * the ones tensor.
 *
 * The inner network may also be a·𝟏 + b·P with P a copy pattern (`eye(n)`; see pattern.ts),
 * which is a + b where P is 1 and a elsewhere, so for an elementwise f
 *   f(a·𝟏 + b·P) = f(a)·𝟏 + (f(a + b) − f(a))·P,
 * e.g. cos(I) = 𝟏𝟏ᵀ + (cos 1 − 1) I. When one of those two values is not finite
 * (`log(eye(n))`, `x / eye(n)`) that is a `DiagradError`, as dividing by a written zero is: kept
 * as a box, the infinite entries would meet the copy tensors of products with I
 * (`eye(n) / eye(n)`), which keep only the diagonal, and give 0 where NumPy gives NaN.
 */
import { elementwise } from "../evaluate/functions.js";
import { DiagradError, type Span } from "../language/span.js";
import { scale, sum, zero } from "../network/combine.js";
import { ones } from "../network/ops.js";
import type { BoxNode, ElementwiseFn, Network } from "../network/types.js";
import { elementwiseFunctions } from "../network/types.js";
import { copyPattern, isIdentity } from "./pattern.js";

type ElementwiseBox = BoxNode & { fn: ElementwiseFn };

function isElementwise(node: BoxNode): node is ElementwiseBox {
  return (elementwiseFunctions as readonly string[]).includes(node.fn);
}

/** f at one number, for an elementwise box. */
function at(node: ElementwiseBox, x: number): number {
  return node.fn === "pow" ? x ** (node.param ?? 1) : elementwise[node.fn](x);
}

const show = (y: number) =>
  Number.isNaN(y) ? "NaN" : y === Infinity ? "inf" : y === -Infinity ? "-inf" : `${y}`;

/** `1 + 2 eye(3)`: a·𝟏 + b·P for messages. */
function describe(offset: number, factor: number, pattern: Network): string {
  const shape = pattern.shape;
  const name = isIdentity(pattern)
    ? `eye(${shape[0]})`
    : `a copy tensor of shape [${shape.join(", ")}]`;
  const scaled = factor === 1 ? name : `${factor} ${name}`;
  return offset === 0 ? scaled : `${offset} + ${scaled}`;
}

/**
 * Throws a DiagradError (at `span`) when `node` is an elementwise function of a·𝟏 + b·P, P a copy
 * pattern with zeros, that is not finite somewhere: `log(eye(3))`, `eye(3) ** -1`.
 *
 * @example checkBox({ kind: "box", fn: "log", inner: build("eye(3)") }) // throws: -inf off the diagonal
 */
export function checkBox(node: BoxNode, span?: Span): void {
  if (!isElementwise(node) || (node.fn === "pow" && node.param === 0)) return;
  const p = copyPattern(node.inner);
  if (p?.pattern === undefined) return;
  const power = node.param ?? 1;
  const identity = isIdentity(p.pattern);
  for (const [x, where] of [
    [p.offset, identity ? "off the diagonal" : "where the copy tensor is 0"],
    [p.offset + p.scale, identity ? "on the diagonal" : "where the copy tensor is 1"],
  ] as const) {
    const y = at(node, x);
    if (Number.isFinite(y)) continue;
    const inner = describe(p.offset, p.scale, p.pattern);
    const call = node.fn === "pow" ? `(${inner}) ** ${power}` : `${node.fn}(${inner})`;
    const image = node.fn === "pow" ? `${x < 0 ? `(${x})` : x} ** ${power}` : `${node.fn}(${x})`;
    const division = node.fn === "pow" && power < 0 && x === 0 ? "division by zero: " : "";
    throw new DiagradError(
      "value",
      `${division}${call} is ${show(y)} ${where} (${image} = ${show(y)}); diagrad does not compute with infinite or NaN constants`,
      span,
    );
  }
}

/** What a box folds to, as a network of the box's shape, or undefined when it stays a box. */
export function foldBox(node: BoxNode): Network | undefined {
  if (!isElementwise(node)) return undefined;
  const shape = node.inner.shape;
  if (node.fn === "pow" && node.param === 1) return node.inner;
  if (node.fn === "pow" && node.param === 0) return ones(shape);
  const p = copyPattern(node.inner);
  if (p === undefined) return undefined;
  const off = at(node, p.offset);
  if (p.pattern === undefined) {
    if (!Number.isFinite(off)) return undefined; // log(0 · x) stays, and is -inf
    return off === 0 ? zero(shape) : scale(ones(shape), off);
  }
  checkBox(node);
  const on = at(node, p.offset + p.scale);
  return sum([scale(ones(shape), off), scale(p.pattern, on - off)]);
}
