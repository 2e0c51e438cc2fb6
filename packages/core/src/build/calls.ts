/**
 * The language's functions as networks: linear ones (sum, tr, diag, outer, einsum, vec, kron, …)
 * are pure wiring; the others become function boxes.
 */
import type { Expr } from "../language/ast.js";
import { multiplyDims } from "../language/dims.js";
import { constantValue, matrixPowerExponent, parseSubscripts } from "../language/index.js";
import type { Span } from "../language/span.js";
import { dimPower } from "../network/coefficient.js";
import { scaleBy } from "../network/combine.js";
import { einsum } from "../network/einsum.js";
import { labels } from "../network/ops.js";
import { box, reshape, splitAxis } from "../network/primitives.js";
import type { BoxFn, Network, Shape } from "../network/types.js";
import { elementwiseFunctions } from "../network/types.js";
import { checkBox } from "../simplify/fold.js";
import { expandDims } from "./broadcast.js";
import { matmul } from "./matmul.js";
import { checkStructuralZeros } from "./zeros.js";

export interface CallContext {
  expr: Extract<Expr, { kind: "call" }>;
  /** The network of argument i (built on demand: `eye(n)`'s argument is a size, not a tensor). */
  arg: (i: number) => Network;
  out: Shape;
}

type Builder = (ctx: CallContext) => Network;

/**
 * `fn(inner)` as a box, refused at `span` when it is an elementwise function of a copy pattern
 * that is not finite somewhere (`log(eye(3))`, `x / eye(3)`: see simplify/fold.ts), or of an
 * operand that is 0 off a diagonal where f(0) is infinite (`log(diag(x))`: see zeros.ts).
 *
 * @example checkedBox("pow", build("eye(3)"), [3, 3], span, -1) // throws "division by zero: …"
 */
export function checkedBox(
  fn: BoxFn,
  inner: Network,
  shape: Shape,
  span: Span,
  param?: number,
): Network {
  checkBox(
    param === undefined ? { kind: "box", fn, inner } : { kind: "box", fn, inner, param },
    span,
  );
  checkStructuralZeros(fn, inner, span, param);
  return box(fn, inner, shape, param);
}

const boxed =
  (fn: BoxFn): Builder =>
  ({ expr, arg, out }) =>
    checkedBox(fn, arg(0), out, expr.span);

function sumAll(x: Network): Network {
  return einsum([{ net: x, labels: labels("s", x.shape.length) }], []);
}

/** `kron(a, b)` in NumPy's block layout: outer product, then each axis of b fused (fast) with a's. */
export function kron(a: Network, b: Network): Network {
  const rank = Math.max(a.shape.length, b.shape.length);
  const [x, y] = [expandDims(a, rank - a.shape.length), expandDims(b, rank - b.shape.length)];
  const la = labels("a", rank);
  const lb = labels("c", rank);
  const outer = einsum(
    [
      { net: x, labels: la },
      { net: y, labels: lb },
    ],
    [...la, ...lb],
  );
  return reshape(
    outer,
    la.map((_, k) => [rank + k, k]),
  );
}

export const calls: ReadonlyMap<string, Builder> = new Map(
  Object.entries({
    ...Object.fromEntries(elementwiseFunctions.map((fn) => [fn, boxed(fn)])),
    inv: boxed("inv"),
    det: boxed("det"),
    logdet: boxed("logdet"),
    softmax: boxed("softmax"),
    logsumexp: boxed("logsumexp"),
    norm: boxed("norm"),
    sum: ({ expr, arg }) => {
      const x = arg(0);
      if (expr.args.length === 1) return sumAll(x);
      const raw = constantValue(expr.args[1]) as number;
      const axis = raw < 0 ? raw + x.shape.length : raw;
      const l = labels("s", x.shape.length);
      return einsum(
        [{ net: x, labels: l }],
        l.filter((_, k) => k !== axis),
      );
    },
    mean: ({ arg }) => scaleBy(sumAll(arg(0)), dimPower(multiplyDims(...arg(0).shape), -1)),
    tr: ({ arg }) => einsum([{ net: arg(0), labels: ["a", "a"] }], []),
    diag: ({ arg }) =>
      arg(0).shape.length === 1
        ? einsum([{ net: arg(0), labels: ["a"] }], ["a", "a"])
        : einsum([{ net: arg(0), labels: ["a", "a"] }], ["a"]),
    outer: ({ arg }) =>
      einsum(
        [
          { net: arg(0), labels: ["a"] },
          { net: arg(1), labels: ["b"] },
        ],
        ["a", "b"],
      ),
    kron: ({ arg }) => kron(arg(0), arg(1)),
    vec: ({ arg }) => {
      const x = arg(0);
      return x.shape.length === 0 ? expandDims(x, 1) : reshape(x, [x.shape.map((_, k) => k)]);
    },
    unvec: ({ arg, out }) => splitAxis(arg(0), 0, out[0], out[1]),
    eye: ({ out }) => einsum([], ["a", "a"], { a: out[0] }),
    ones: ({ out }) => einsum([], ["a"], { a: out[0] }),
    matrix_power: ({ expr, arg, out }) => {
      const k = matrixPowerExponent(expr);
      if (k === 0) return einsum([], ["a", "a"], { a: out[0] });
      const a = arg(0);
      let power = a;
      for (let i = 1; i < k; i++) power = matmul(power, a, out);
      return power;
    },
    einsum: ({ expr, arg }) => {
      const spec = expr.args[0];
      if (spec.kind !== "string") throw new Error("internal: einsum without subscripts");
      const { inputs, output } = parseSubscripts(spec.value, spec.span);
      return einsum(
        inputs.map((labels, j) => ({ net: arg(j + 1), labels })),
        output,
      );
    },
  }),
);
