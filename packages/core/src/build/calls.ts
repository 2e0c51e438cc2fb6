/**
 * The language's functions as networks: linear ones (sum, tr, diag, outer, einsum, vec, kron, …)
 * are pure wiring; the others become function boxes.
 */
import type { Expr } from "../language/ast.js";
import { multiplyDims } from "../language/dims.js";
import { constantValue, matrixPowerExponent, parseSubscripts } from "../language/index.js";
import { dimPower } from "../network/coefficient.js";
import { scaleBy } from "../network/combine.js";
import { einsum } from "../network/einsum.js";
import { labels } from "../network/ops.js";
import { box, reshape, splitAxis } from "../network/primitives.js";
import type { BoxFn, Network, Shape } from "../network/types.js";
import { elementwiseFunctions } from "../network/types.js";
import { expandDims } from "./broadcast.js";
import { matmul } from "./matmul.js";

export interface CallContext {
  expr: Extract<Expr, { kind: "call" }>;
  /** The network of argument i (built on demand: `eye(n)`'s argument is a size, not a tensor). */
  arg: (i: number) => Network;
  out: Shape;
}

type Builder = (ctx: CallContext) => Network;

const boxed =
  (fn: BoxFn): Builder =>
  ({ arg, out }) =>
    box(fn, arg(0), out);

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
