/**
 * Bindings (`h = tanh(W1 @ x + b1); norm(W2 @ h - y)**2`): parsing, scope rules, shapes, values
 * against a hand-written loop, and derivatives against finite differences.
 */
import { describe, expect, it } from "vitest";
import { derivative, evaluate, prepare } from "../api.js";
import { checkDerivative } from "../check.js";
import { parse } from "./parser.js";
import { analyze } from "./shapes.js";
import { DiagradError } from "./span.js";

function failure(run: () => unknown): DiagradError {
  try {
    run();
  } catch (error) {
    if (error instanceof DiagradError) return error;
    throw error;
  }
  throw new Error("expected a DiagradError");
}

const MLP = "h = tanh(W1 @ x + b1); norm(W2 @ h - y)**2";

describe("parse: bindings", () => {
  it("reads name = expr statements before the expression, with spans", () => {
    const program = parse(MLP);
    expect(program.bindings).toHaveLength(1);
    const [h] = program.bindings;
    expect(h?.name).toBe("h");
    expect(h?.nameSpan).toEqual({ start: 0, end: 1 });
    expect(h?.span).toEqual({ start: 0, end: 21 });
    expect(MLP.slice(h?.value.span.start, h?.value.span.end)).toBe("tanh(W1 @ x + b1)");
    expect(program.body.kind).toBe("binary");
  });

  it("mixes declarations and bindings in any order before the expression", () => {
    const program = parse("W: [3, 2]; h = W @ x; x: [2]; g = h * h; sum(g)");
    expect(program.declarations.map((d) => d.names[0]?.name)).toEqual(["W", "x"]);
    expect(program.bindings.map((b) => b.name)).toEqual(["h", "g"]);
  });

  it("refuses a binding after the expression, an empty one and a bound non-name", () => {
    expect(failure(() => parse("x * 2; h = x")).message).toBe(
      "only the last statement can be an expression; bindings 'h = …' come before it",
    );
    expect(failure(() => parse("h = ; h")).message).toBe("expected an expression after 'h ='");
    expect(failure(() => parse("h = x")).message).toBe("expected an expression after the bindings");
    expect(failure(() => parse("x + 1 = 3")).message).toBe(
      "only a name can be bound, as in 'h = tanh(W @ x); …'",
    );
    expect(failure(() => parse("h = x y; h")).message).toBe(
      "expected ';' after the binding, found 'y'",
    );
  });
});

describe("analyze: the scope of bindings", () => {
  it("gives a bound name the shape of its value and keeps it out of the variables", () => {
    const a = analyze(parse(MLP));
    expect([...a.variables.keys()]).toEqual(["W1", "x", "b1", "W2", "y"]);
    const h = a.bindings.get("h");
    expect(h?.shape).toEqual(a.variables.get("b1"));
    expect(h?.variables).toEqual(["W1", "x", "b1"]);
    expect(h?.uses.map((u) => u.span)).toEqual([{ start: 33, end: 34 }]); // the h in "W2 @ h"
    expect(a.uses.get(h?.uses[0] as never)).toBe(h?.binding);
    expect(a.shapes.get(a.program.body)).toEqual([]);
  });

  it("lets a binding use earlier ones, and names the variables through them", () => {
    const a = analyze(parse("h = W @ x; g = h + b; k = g * h; sum(k)"));
    expect(a.bindings.get("k")?.variables).toEqual(["W", "x", "b"]);
    expect(a.bindings.get("k")?.uses).toHaveLength(1);
  });

  it("refuses a name bound twice, a bound declared variable or dimension, and a use before binding", () => {
    const twice = failure(() => analyze(parse("h = x; h = 2 * x; h")));
    expect([twice.kind, twice.message, twice.span]).toEqual([
      "name",
      "h is bound twice; give the second binding another name",
      { start: 7, end: 8 },
    ]);
    expect(failure(() => analyze(parse("x: [3]; x = 2 * y; x"))).message).toMatch(
      /^x is a declared variable/,
    );
    const valued = failure(() => analyze(parse("x = 2 * y; x"), { values: { x: [3] } }));
    expect(valued.message).toMatch(/^x is a declared variable \(or has a value\)/);
    expect(failure(() => analyze(parse("n = x + 1; eye(n) @ x"))).message).toMatch(
      /^n is a dimension/,
    );
    const early = failure(() => analyze(parse("y = h + 1; h = x; y")));
    expect([early.message, early.span]).toEqual([
      "h is used before it is bound",
      { start: 4, end: 5 },
    ]);
    expect(failure(() => analyze(parse("h = h + 1; h"))).message).toBe(
      "h is used before it is bound",
    );
  });

  it("notes a binding that is never used", () => {
    expect(analyze(parse("h = x; g = 2 * x; h")).notes).toEqual(["g is bound but never used"]);
  });

  it("refuses bindings whose substitution blows up, naming the limit", () => {
    const doubling = Array.from({ length: 16 }, (_, i) => `h${i + 1} = h${i} * h${i}`);
    const error = failure(() => analyze(parse(`h0 = x; ${doubling.join("; ")}; h16`)));
    expect(error.message).toMatch(/more than 20000 operations once its bindings are substituted/);
  });
});

describe("bindings: values and derivatives", () => {
  // W1: 3×2, x: 2, b1: 3, W2: 2×3, y: 2
  const values = {
    W1: [
      [0.5, -0.2],
      [0.1, 0.4],
      [-0.3, 0.7],
    ],
    x: [1.5, -0.5],
    b1: [0.1, 0.2, -0.1],
    W2: [
      [0.3, -0.6, 0.2],
      [0.8, 0.1, -0.4],
    ],
    y: [0.2, -0.3],
  };

  it("evaluates the MLP loss as a loop over its entries does", () => {
    const h = values.W1.map((row, i) =>
      Math.tanh(row.reduce((s, w, j) => s + w * (values.x[j] as number), values.b1[i] as number)),
    );
    const r = values.W2.map(
      (row, i) => row.reduce((s, w, j) => s + w * (h[j] as number), 0) - (values.y[i] as number),
    );
    const loss = r.reduce((s, v) => s + v * v, 0);
    const value = evaluate(prepare({ source: MLP, values })).data[0] as number;
    expect(value).toBeCloseTo(loss, 12);
    const unbound = "norm(W2 @ tanh(W1 @ x + b1) - y)**2";
    expect(evaluate(prepare({ source: unbound, values })).data[0]).toBeCloseTo(loss, 12);
  });

  it("differentiates through a binding by every variable it is made of, as finite differences do", () => {
    for (const wrt of ["W1", "x", "b1", "W2"]) {
      expect(checkDerivative({ source: MLP, wrt, values }).maxRelativeError).toBeLessThan(1e-6);
    }
    const chained = "h = W @ x; g = tanh(h) * h; sum(g * g) + g @ h";
    expect(checkDerivative({ source: chained, wrt: "W" }).maxRelativeError).toBeLessThan(1e-6);
    expect(checkDerivative({ source: chained, wrt: "x", order: 2 }).maxRelativeError).toBeLessThan(
      1e-5,
    );
  });

  it("refuses to differentiate by a bound name, naming its variables", () => {
    const error = failure(() => derivative({ source: MLP, wrt: "h" }));
    expect([error.kind, error.message, error.span]).toEqual([
      "usage",
      "h is bound to tanh(W1 @ x + b1), not a variable; differentiate by one of the variables it is made of: W1, x, b1",
      { start: 0, end: 1 },
    ]);
  });
});
