import { describe, expect, test } from "vitest";
import { derivative, evaluate, indexNotation, toNested } from "../index.js";

const formula = (source: string, wrt: string, order = 1) =>
  indexNotation(derivative({ source, wrt, order }).network).formula;

describe("derivatives by edge removal", () => {
  test("removing x from x ∘ y ∘ z leaves the spider on y and z: Diag(y ∘ z)", () => {
    expect(formula("x * y * z", "x")).toBe("δ[i,j] y[i] z[i]");
  });

  test("the product rule sums over occurrences and equal terms merge: d(x∘x∘x)/dx = 3 Diag(x∘x)", () => {
    const d = derivative({ source: "x * x * x", wrt: "x" });
    expect(d.network.terms).toHaveLength(1);
    expect(d.network.terms[0].coeff.value).toBe(3);
  });

  test("a trace loses its loop: d tr(X)/dX is the identity, a wire between the new indices", () => {
    const d = derivative({
      source: "tr(X)",
      wrt: "X",
      values: {
        X: [
          [1, 2],
          [3, 4],
        ],
      },
    });
    const [term] = d.network.terms;
    expect(term.graph.order).toBe(2);
    expect(term.graph.everyNode((_n, a) => a.kind === "free")).toBe(true);
    expect(toNested(evaluate(d))).toEqual([
      [1, 0],
      [0, 1],
    ]);
  });

  test("the new indices come after the expression's: J[out…, in…]", () => {
    const d = derivative({ source: "A, B: [m, n]; W: [p, m]; W @ (A * B)", wrt: "A" });
    expect(d.network.shape).toEqual(["p", "n", "m", "n"]);
  });

  test("the chain rule goes through function boxes: d tanh(x)/dx = Diag(1 − tanh²(x))", () => {
    const d = derivative({ source: "tanh(x)", wrt: "x", values: { x: [0.5, -1] } });
    const t = [Math.tanh(0.5), Math.tanh(-1)];
    expect(toNested(evaluate(d))).toEqual([
      [1 - t[0] ** 2, 0],
      [0, 1 - t[1] ** 2],
    ]);
  });

  test("a variable that does not occur gives zero of the right shape", () => {
    const d = derivative({
      source: "x * y",
      wrt: "z",
      values: { x: [1, 2], y: [3, 4], z: [1, 2, 3] },
    });
    expect(d.occurs).toBe(false);
    expect(toNested(evaluate(d))).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
  });

  test("higher orders repeat the step: the Hessian of xᵀAx is A + Aᵀ", () => {
    expect(formula("x @ A @ x", "x", 2)).toBe("A[i,j] + A[j,i]");
  });
});
