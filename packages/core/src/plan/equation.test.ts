import { describe, expect, it } from "vitest";
import { DiagradError } from "../language/span.js";
import { parseEquation } from "./equation.js";
import { planEquation } from "./planEquation.js";

function failure(run: () => unknown): DiagradError {
  try {
    run();
  } catch (error) {
    if (error instanceof DiagradError) return error;
    throw error;
  }
  throw new Error("expected a DiagradError");
}

describe("parseEquation", () => {
  it("reads operands and an explicit output, ignoring spaces", () => {
    const eq = parseEquation("ij, jk -> ik");
    expect(eq.inputs).toEqual([
      ["i", "j"],
      ["j", "k"],
    ]);
    expect(eq.output).toEqual(["i", "k"]);
  });

  it("takes NumPy's implicit output: labels used once, in code point order", () => {
    expect(parseEquation("kj,ji").output).toEqual(["i", "k"]);
    expect(parseEquation("ii").output).toEqual([]);
  });

  it("accepts any code point as a label, Unicode beyond the BMP too", () => {
    const eq = parseEquation("αβ,β𝒳->α𝒳");
    expect(eq.inputs).toEqual([
      ["α", "β"],
      ["β", "𝒳"],
    ]);
    expect(eq.output).toEqual(["α", "𝒳"]);
  });

  it("allows scalar operands and repeated output labels", () => {
    expect(parseEquation(",i->ii").inputs).toEqual([[], ["i"]]);
    expect(parseEquation(",i->ii").output).toEqual(["i", "i"]);
  });

  it("marks the culprit of a malformed equation", () => {
    expect(failure(() => parseEquation("ij->j->i")).span).toEqual({ start: 5, end: 7 });
    expect(failure(() => parseEquation("i-j")).span).toEqual({ start: 1, end: 2 });
    expect(failure(() => parseEquation("i>j")).kind).toBe("syntax");
    expect(failure(() => parseEquation("ij->ix")).span).toEqual({ start: 5, end: 6 });
    expect(failure(() => parseEquation("...i->i")).message).toMatch(/ellipsis/);
    expect(failure(() => parseEquation("->")).message).toMatch(/no operands/);
    expect(failure(() => parseEquation("ij->i,j")).kind).toBe("syntax");
  });
});

describe("planEquation", () => {
  it("plans a skewed matrix chain in the cheap order, with NumPy's path form", () => {
    const plan = planEquation("ij,jk,kl->il", { i: 1000, j: 2, k: 1000, l: 2 });
    expect(plan.path).toEqual([
      [1, 2],
      [0, 1],
    ]);
    expect(plan.flops).toBe(16000);
    expect(plan.peak).toBe(2000);
    expect(plan.ms).toBeGreaterThanOrEqual(0);
  });

  it("names a missing or invalid size", () => {
    const missing = failure(() => planEquation("ij,jk", { i: 2, j: 3 }));
    expect(missing.kind).toBe("value");
    expect(missing.message).toMatch(/'k'/);
    expect(missing.span).toEqual({ start: 4, end: 5 });
    expect(failure(() => planEquation("ij", { i: 2, j: 1.5 })).message).toMatch(/'j'/);
  });

  it("rejects a memory cap no order can meet", () => {
    const error = failure(() =>
      planEquation("ij,jk,kl->il", { i: 100, j: 100, k: 100, l: 100 }, { maxIntermediate: 10 }),
    );
    expect(error.kind).toBe("value");
  });
});
