import { describe, expect, it } from "vitest";
import { dimFactors, dimSize, formatShape, multiplyDims, productDim } from "./dims.js";

describe("formatShape", () => {
  it("prints shapes in brackets, scalars as []", () => {
    expect(formatShape([2, 3])).toBe("[2, 3]");
    expect(formatShape(["m", "n"])).toBe("[m, n]");
    expect(formatShape(["2*n"])).toBe("[2*n]");
    expect(formatShape([])).toBe("[]");
  });
});

describe("products of dimensions", () => {
  it("spell a product canonically: numeric factor first, symbols sorted", () => {
    expect(productDim(2, ["p", "m"])).toBe("2*m*p");
    expect(productDim(1, ["n", "m"])).toBe("m*n");
    expect(productDim(1, ["n"])).toBe("n");
    expect(productDim(6, [])).toBe(6);
  });

  it("multiply numbers, symbols and products alike", () => {
    expect(multiplyDims("n", 2, "m")).toBe("2*m*n");
    expect(multiplyDims(2, 3)).toBe(6);
    expect(multiplyDims("2*n", "3*m")).toBe("6*m*n");
    expect(multiplyDims()).toBe(1);
  });

  it("split back into coefficient and sorted symbols", () => {
    expect(dimFactors("2*m*n")).toEqual({ coefficient: 2, symbols: ["m", "n"] });
    expect(dimFactors(5)).toEqual({ coefficient: 5, symbols: [] });
    expect(dimFactors("n")).toEqual({ coefficient: 1, symbols: ["n"] });
  });

  it("evaluate given the sizes of their symbols", () => {
    expect(dimSize("2*m*n", { m: 3, n: 5 })).toBe(30);
    expect(dimSize(4, {})).toBe(4);
    expect(() => dimSize("n", {})).toThrow("the size of dimension 'n' is unknown");
  });
});
