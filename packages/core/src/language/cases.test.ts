import { describe, expect, it } from "vitest";
import { parse } from "./parser.js";
import { analyze } from "./shapes.js";

/**
 * The expressions of the acceptance cases (../shared/acceptance/cases.json) with their variables'
 * shapes and the shape of the value NumPy computed for them.
 */
const CASES: [expr: string, shapes: Record<string, number[]>, value: number[]][] = [
  ["W @ (A * B)", { W: [2, 3], A: [3, 4], B: [3, 4] }, [2, 4]],
  ["x * y * z", { x: [4], y: [4], z: [4] }, [4]],
  ["(A @ z) * tanh(B @ z)", { A: [4, 3], B: [4, 3], z: [3] }, [4]],
  ["x * x * x", { x: [5] }, [5]],
  ["W @ (A * A)", { W: [2, 3], A: [3, 4] }, [2, 4]],
  ["A @ X @ B", { A: [2, 3], X: [3, 4], B: [4, 5] }, [2, 5]],
  ["x @ B @ x", { x: [4], B: [4, 4] }, []],
  ["tr(X @ A)", { X: [3, 4], A: [4, 3] }, []],
  ["det(X)", { X: [4, 4] }, []],
  ["inv(X)", { X: [3, 3] }, [3, 3]],
  ["x @ A @ x", { x: [4], A: [4, 4] }, []],
  ["sum(log(1 + exp(-y * (X @ w))))", { X: [5, 3], w: [3], y: [5] }, []],
  ["-(t @ log(softmax(z)))", { z: [5], t: [5] }, []],
  ["tanh(X)", { X: [3, 4] }, [3, 4]],
  ["kron(A, B)", { A: [2, 3], B: [4, 5] }, [8, 15]],
  ["A @ diag(x) @ B", { A: [2, 4], x: [4], B: [4, 3] }, [2, 3]],
  ["einsum('ijk,k->ij', T, x)", { T: [2, 3, 4], x: [4] }, [2, 3]],
  ["exp(s * A) @ x", { s: [], A: [3, 4], x: [4] }, [3]],
  ["sigmoid(X @ W + outer(e, b))", { X: [5, 3], W: [3, 4], e: [5], b: [4] }, [5, 4]],
];

describe("analyze on the acceptance cases", () => {
  it.each(CASES)("%s gives the shape NumPy computed, from values alone", (expr, shapes, value) => {
    const analysis = analyze(parse(expr), { values: shapes });
    expect(analysis.shapes.get(analysis.program.body)).toEqual(value);
    expect(Object.fromEntries(analysis.variables)).toEqual(shapes);
  });

  it.each(CASES)("%s gives the same shape from declarations alone", (expr, shapes, value) => {
    const analysis = analyze(parse(expr), { shapes });
    expect(analysis.shapes.get(analysis.program.body)).toEqual(value);
  });

  /** Cases whose variables all have the default rank: 2 for an uppercase name, else 1. */
  const defaultRanks = CASES.filter(([, shapes]) =>
    Object.entries(shapes).every(([name, s]) => s.length === (/^[A-Z]/.test(name) ? 2 : 1)),
  );

  it("leaves out only the cases with a scalar or an order-3 tensor among the variables", () => {
    expect(CASES.length - defaultRanks.length).toBe(2);
  });

  it.each(defaultRanks)("%s type-checks with no shapes at all", (expr, shapes) => {
    const analysis = analyze(parse(expr));
    expect([...analysis.variables.keys()].sort()).toEqual(Object.keys(shapes).sort());
    for (const [name, shape] of analysis.variables) {
      expect(shape).toHaveLength(shapes[name]?.length ?? -1);
    }
  });
});
