import { describe, expect, test } from "vitest";
import { derivative, evaluate, prepare } from "../api.js";
import { DiagradError } from "../language/span.js";
import { zeroOffDiagonal } from "./zeros.js";

const net = (source: string) => prepare({ source }).network;
const refused = (source: string) => {
  try {
    prepare({ source });
  } catch (e) {
    return e as DiagradError;
  }
  return undefined;
};

describe("structural zeros of a function's argument", () => {
  test("diag(x), W ∘ I, W ∘ inv(2I) and tanh(diag(x)) are 0 off the diagonal", () => {
    for (const s of ["diag(x)", "W * eye(3)", "W * inv(2 * eye(3))", "tanh(diag(x))", "diag(x).T"])
      expect(zeroOffDiagonal(net(`W: [3, 3]; x: [3]; ${s}`)), s).toEqual([0, 1]);
  });

  test("W @ diag(x), exp(diag(x)) and diag(x) + 1 are not", () => {
    for (const s of ["W @ diag(x)", "exp(diag(x))", "diag(x) + 1", "outer(x, x)"])
      expect(zeroOffDiagonal(net(`W: [3, 3]; x: [3]; ${s}`)), s).toBeUndefined();
  });

  test("log(diag(x)) and x / diag(x) are refused at their spans; sqrt(diag(x)) is not", () => {
    const log = refused("log(diag(x))");
    expect(log).toBeInstanceOf(DiagradError);
    expect(log?.message).toMatch(/^the operand is 0 off the diagonal .* log\(0\) = -inf/);
    expect(log?.span).toEqual({ start: 0, end: 12 });
    expect(refused("x / diag(x)")?.message).toMatch(/^division by zero: /);
    expect(refused("x / diag(x)")?.span).toEqual({ start: 4, end: 11 });
    expect(refused("sqrt(diag(x))")).toBeUndefined();
  });

  test("a derivative may hold f′(diag(x)) with f′(0) infinite: ∂ Σ √xᵢ / ∂x = 1 / (2√x)", () => {
    // sum(sqrt(diag(x))) = Σ √xᵢ; its gradient is 1/(2√xᵢ): 0.5, 1/(2√2), 1/(2√3)
    const d = derivative({ source: "sum(sqrt(diag(x)))", wrt: "x", values: { x: [1, 2, 3] } });
    const g = Array.from(evaluate(d).data);
    [0.5, 0.5 / Math.SQRT2, 0.5 / Math.sqrt(3)].forEach((v, k) => {
      expect(g[k]).toBeCloseTo(v, 14);
    });
  });
});
