/**
 * `matrix_power(A, k)`, NumPy's `np.linalg.matrix_power`: shapes, values against a naive loop of
 * matrix products, and derivatives against finite differences.
 */
import { describe, expect, it } from "vitest";
import { evaluate, prepare } from "../api.js";
import { checkDerivative } from "../check.js";
import { MAX_MATRIX_POWER } from "./limits.js";
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

/** A^k by repeated products, the identity for k = 0. */
function naivePower(a: number[][], k: number): number[][] {
  const n = a.length;
  let p: number[][] = a.map((_, i) => a.map((_, j) => (i === j ? 1 : 0)));
  for (let step = 0; step < k; step++) {
    p = p.map((row) => a.map((_, j) => row.reduce((s, v, m) => s + v * (a[m]?.[j] as number), 0)));
  }
  return p.slice(0, n);
}

const A = [
  [0.9, -0.4, 0.2],
  [0.3, 0.5, -0.1],
  [-0.2, 0.6, 0.7],
];

describe("matrix_power: shapes", () => {
  it("is square in, square out", () => {
    const a = analyze(parse("matrix_power(A, 3) @ x"));
    expect(a.variables.get("A")).toEqual(["m", "m"]);
    expect(a.shapes.get(a.program.body)).toEqual(["m"]);
  });

  it("refuses a matrix that is not square, naming both dimensions", () => {
    const error = failure(() => analyze(parse("A: [m, n]; matrix_power(A, 2)")));
    expect([error.kind, error.message]).toEqual([
      "shape",
      "matrix_power needs a square matrix, but A has shape [m, n]",
    ]);
    expect(failure(() => analyze(parse("A: [2, 3]; matrix_power(A, 2)"))).message).toBe(
      "matrix_power needs a square matrix, but A has shape [2, 3]",
    );
    expect(failure(() => analyze(parse("matrix_power(x, 2)"))).message).toBe(
      "matrix_power needs a square matrix, but x has shape [m]",
    );
  });

  it("takes an integer exponent from 0 to the stated limit", () => {
    for (const k of ["-1", "1.5", "k", "x @ x"]) {
      const error = failure(() => analyze(parse(`matrix_power(A, ${k})`)));
      expect(error.message).toMatch(/^the exponent of matrix_power must be an integer literal ≥ 0/);
      expect(error.span?.start).toBe(16);
    }
    const large = failure(() => analyze(parse(`matrix_power(A, ${MAX_MATRIX_POWER + 1})`)));
    expect(large.message).toBe(
      "matrix_power's exponent 65 is too large: diagrad builds it as a chain of products and takes at most 64",
    );
  });
});

describe("matrix_power: values and derivatives", () => {
  it("equals a loop of matrix products for k = 0 … 5", () => {
    for (let k = 0; k <= 5; k++) {
      const value = evaluate(prepare({ source: `matrix_power(A, ${k})`, values: { A } }));
      const expected = naivePower(A, k).flat();
      expect(value.shape).toEqual([3, 3]);
      Array.from(value.data).forEach((v, i) => {
        expect(v).toBeCloseTo(expected[i] as number, 12);
      });
    }
  });

  it("is eye(n) at k = 0, also for a symbolic n", () => {
    const value = evaluate(
      prepare({ source: "matrix_power(A, 0) @ x", values: { A, x: [1, 2, 3] } }),
    );
    expect(Array.from(value.data)).toEqual([1, 2, 3]);
  });

  it("has derivatives that agree with finite differences", () => {
    for (const source of [
      "tr(matrix_power(A, 4))",
      "x @ matrix_power(A, 3) @ x",
      "matrix_power(A, 2)",
    ]) {
      for (const wrt of source.includes("x") ? ["A", "x"] : ["A"]) {
        const check = checkDerivative({ source, wrt, values: { A, x: [0.5, -1, 2] } });
        expect(check.maxRelativeError).toBeLessThan(1e-6);
      }
    }
    const hessian = checkDerivative({ source: "tr(matrix_power(A, 3))", wrt: "A", order: 2 });
    expect(hessian.maxRelativeError).toBeLessThan(1e-5);
  });

  it("gives ∂tr(A²)/∂A = 2 Aᵀ, worked by hand", () => {
    const check = checkDerivative({ source: "tr(matrix_power(A, 2))", wrt: "A", values: { A } });
    const expected = A.flatMap((row, i) => row.map((_, j) => 2 * (A[j]?.[i] as number)));
    Array.from(check.analytic.data).forEach((v, i) => {
      expect(v).toBeCloseTo(expected[i] as number, 12);
    });
  });
});
