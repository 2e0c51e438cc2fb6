import { describe, expect, test } from "vitest";
import { prepare } from "../api.js";
import { indexNotation } from "../print/indexNotation.js";

const simplified = (source: string) => prepare({ source }).network;

describe("simplification", () => {
  test("merges equal terms by adding their coefficients", () => {
    const net = simplified("A @ x + A @ x");
    expect(net.terms).toHaveLength(1);
    expect(net.terms[0].coeff.value).toBe(2);
  });

  test("cancels a term against its negative", () => {
    expect(simplified("x - x").terms).toHaveLength(0);
  });

  test("merges terms equal up to the order of a Hadamard product", () => {
    expect(simplified("x * y - y * x").terms).toHaveLength(0);
  });

  test("folds function boxes of constants", () => {
    expect(indexNotation(simplified("exp(0 * x)")).formula).toBe("1");
    expect(simplified("tanh(x - x)").terms).toHaveLength(0);
  });

  test("drops pow(u, 1) and makes pow(u, 0) the ones tensor", () => {
    expect(indexNotation(simplified("x ** 1")).formula).toBe("x[i]");
    expect(indexNotation(simplified("x ** 0")).formula).toBe("1");
  });

  test("turns the trace of an identity into its dimension", () => {
    const net = simplified("tr(eye(n))");
    expect(net.terms[0].coeff).toEqual({ value: 1, dims: { n: 1 } });
  });

  test("collects powers over one base at the same indices: u ∘ u⁻¹ and ‖u‖ ‖u‖⁻¹ cancel", () => {
    expect(indexNotation(simplified("exp(x) * exp(x) ** -1")).formula).toBe("1");
    expect(indexNotation(simplified("norm(A @ x) * norm(A @ x) ** -1 * y")).formula).toBe("y[i]");
    expect(indexNotation(simplified("x ** 2 * x")).formula).toBe("pow3(x[i])");
  });

  test("keeps a product of plain tensors as it is: x ∘ x is two tensors on a copy tensor", () => {
    expect(indexNotation(simplified("x * x")).formula).toBe("x[i] x[i]");
  });
});
