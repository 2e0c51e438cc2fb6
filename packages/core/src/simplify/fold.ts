/**
 * Constant folding of function boxes: a box whose inner network is a constant becomes that
 * constant's image (`exp(0)` → 1, `tanh` of zero → zero), `pow(u, 1)` becomes u and `pow(u, 0)`
 * the ones tensor.
 *
 * A constant may also be c times a copy pattern P (`eye(n)`; see pattern.ts), which is 1 where its
 * indices agree and 0 elsewhere, so for an elementwise f
 *   f(c·P) = f(0)·𝟏 + (f(c) − f(0))·P,
 * e.g. cos(I) = 𝟏𝟏ᵀ + (cos 1 − 1) I. When f(0) or f(c) is not finite (`log(eye(n))`,
 * `x / eye(n)`) that is a `DiagradError`, as dividing by a written zero is: kept as a box, the
 * infinite entries would meet the copy tensors of products with I (`eye(n) / eye(n)`), which
 * keep only the diagonal, and give 0 where NumPy gives NaN.
 */
import { elementwise } from "../evaluate/functions.js";
import { DiagradError, type Span } from "../language/span.js";
import { scale, sum, zero } from "../network/combine.js";
import { ones } from "../network/ops.js";
import type { BoxNode, ElementwiseFn, Network } from "../network/types.js";
import { elementwiseFunctions } from "../network/types.js";
import { type CopyPattern, copyPattern, isIdentity } from "./pattern.js";

function isElementwise(fn: string): fn is ElementwiseFn {
  return (elementwiseFunctions as readonly string[]).includes(fn);
}

/** f at one number, for an elementwise box. */
function at(node: BoxNode & { fn: ElementwiseFn }, x: number): number {
  return node.fn === "pow" ? x ** (node.param ?? 1) : elementwise[node.fn](x);
}

const show = (y: number) =>
  Number.isNaN(y) ? "NaN" : y === Infinity ? "inf" : y === -Infinity ? "-inf" : `${y}`;

/** The error for f(c·P) with an entry f(x) = y that is not finite (x is 0 or c). */
function notFinite(node: BoxNode, p: CopyPattern, x: number, y: number, span?: Span) {
  const identity = isIdentity(p);
  const shape = p.pattern.shape;
  const name = identity ? `eye(${shape[0]})` : `a copy tensor of shape [${shape.join(", ")}]`;
  const scaled = p.value === 1 ? name : `${p.value} ${name}`;
  const power = node.param ?? 1;
  const call = node.fn === "pow" ? `(${scaled}) ** ${power}` : `${node.fn}(${scaled})`;
  const image = node.fn === "pow" ? `${x} ** ${power}` : `${node.fn}(${x})`;
  const where = identity
    ? x === 0
      ? "off the diagonal"
      : "on the diagonal"
    : `where the copy tensor is ${x === 0 ? 0 : 1}`;
  const division = node.fn === "pow" && power < 0 && x === 0 ? "division by zero: " : "";
  return new DiagradError(
    "value",
    `${division}${call} is ${show(y)} ${where} (${image} = ${show(y)}); diagrad does not compute with infinite or NaN constants`,
    span,
  );
}

/**
 * Throws a DiagradError (at `span`) when `node` is an elementwise function of a copy pattern with
 * zeros whose image is not finite somewhere: `log(eye(3))`, `eye(3) ** -1`.
 *
 * @example checkBox({ kind: "box", fn: "log", inner: build("eye(3)") }) // throws: -inf off the diagonal
 */
export function checkBox(node: BoxNode, span?: Span): void {
  if (!isElementwise(node.fn) || (node.fn === "pow" && node.param === 0)) return;
  const p = copyPattern(node.inner);
  if (p === undefined || p.allOnes) return;
  const f = node as BoxNode & { fn: ElementwiseFn };
  for (const x of [0, p.value]) {
    const y = at(f, x);
    if (!Number.isFinite(y)) throw notFinite(node, p, x, y, span);
  }
}

/** What a box folds to, as a network of the box's shape, or undefined when it stays a box. */
export function foldBox(node: BoxNode): Network | undefined {
  if (!isElementwise(node.fn)) return undefined;
  const shape = node.inner.shape;
  if (node.fn === "pow" && node.param === 1) return node.inner;
  if (node.fn === "pow" && node.param === 0) return ones(shape);
  const p = copyPattern(node.inner);
  if (p === undefined) return undefined;
  const f = node as BoxNode & { fn: ElementwiseFn };
  const atValue = at(f, p.value);
  if (p.allOnes) {
    if (!Number.isFinite(atValue)) return undefined; // log(0 · x) stays, and is -inf
    return atValue === 0 ? zero(shape) : scale(ones(shape), atValue);
  }
  checkBox(node);
  const atZero = at(f, 0);
  return sum([scale(ones(shape), atZero), scale(p.pattern, atValue - atZero)]);
}
