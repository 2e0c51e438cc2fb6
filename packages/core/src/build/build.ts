/**
 * From the checked syntax tree to the tensor network: `buildNetwork(analysis)`.
 *
 * Each expression node becomes a network of its analysed shape: names are variables, operators
 * are einsums with NumPy broadcasting, functions come from the `calls` table. A name that refers
 * to a binding (`analysis.uses`) is the binding's network, built once and substituted at each use;
 * `analysis.bindings` keeps the binding and its uses for when the network can share one node.
 */
import type { Binding, Expr } from "../language/ast.js";
import type { Analysis } from "../language/index.js";
import { constantValue } from "../language/index.js";
import { DiagradError, type Span } from "../language/span.js";
import { constant, scale, sum } from "../network/combine.js";
import { labels, permute } from "../network/ops.js";
import { variable } from "../network/primitives.js";
import type { Network, Shape } from "../network/types.js";
import { broadcastProduct, broadcastTo } from "./broadcast.js";
import { calls, checkedBox, kron } from "./calls.js";
import { matmul } from "./matmul.js";

/** `base ** p`; `span` is where a division by zero in it is reported. */
function power(base: Network, p: number, span: Span): Network {
  if (p === 1) return base;
  return checkedBox("pow", base, base.shape, span, p);
}

function buildExpr(e: Expr, analysis: Analysis, bound: Map<Binding, Network>): Network {
  const shapeOf = (x: Expr): Shape => {
    const s = analysis.shapes.get(x);
    if (!s) throw new Error(`internal: no shape for ${x.kind} at ${x.span.start}`);
    return s;
  };
  const build = (x: Expr) => buildExpr(x, analysis, bound);
  const out = shapeOf(e);
  switch (e.kind) {
    case "number":
      return constant(e.value);
    case "name": {
      const binding = analysis.uses.get(e);
      if (binding === undefined) return variable(e.name, out);
      const net = bound.get(binding);
      if (net === undefined) throw new Error(`internal: ${e.name} used before it is built`);
      return net;
    }
    case "string":
      throw new Error("internal: a string outside einsum");
    case "neg":
      return scale(build(e.arg), -1);
    case "transpose": {
      const x = build(e.arg);
      return permute(
        x,
        labels("", x.shape.length).map((_, k) => x.shape.length - 1 - k),
      );
    }
    case "call": {
      const builder = calls.get(e.fn);
      if (!builder) throw new Error(`internal: no builder for ${e.fn}`);
      return builder({ expr: e, arg: (i) => build(e.args[i]), out });
    }
    case "binary": {
      if (e.op === "**") return power(build(e.left), constantValue(e.right) as number, e.span);
      const [a, b] = [build(e.left), build(e.right)];
      switch (e.op) {
        case "+":
          return sum([broadcastTo(a, out), broadcastTo(b, out)]);
        case "-":
          return sum([broadcastTo(a, out), scale(broadcastTo(b, out), -1)]);
        case "*":
          return broadcastProduct([a, b], out);
        case "/": {
          const c = constantValue(e.right);
          if (c === 0) throw new DiagradError("value", "division by zero", e.right.span);
          return c !== undefined
            ? broadcastTo(scale(a, 1 / c), out)
            : broadcastProduct([a, power(b, -1, e.right.span)], out);
        }
        case "@":
          return matmul(a, b, out);
        case "kron":
          return kron(a, b);
      }
    }
  }
}

/** The network of an analysed program: `buildNetwork(analyze(parse("W @ (A * B)")))`. */
export function buildNetwork(analysis: Analysis): Network {
  const bound = new Map<Binding, Network>();
  for (const { binding } of analysis.bindings.values()) {
    bound.set(binding, buildExpr(binding.value, analysis, bound));
  }
  return buildExpr(analysis.program.body, analysis, bound);
}
