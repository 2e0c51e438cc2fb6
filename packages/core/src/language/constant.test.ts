import { describe, expect, it } from "vitest";
import { constantValue } from "./constant.js";
import { parse } from "./parser.js";

const fold = (source: string) => constantValue(parse(source).body);

describe("constantValue", () => {
  it("folds numbers, unary minus and + - * / ** of constants", () => {
    expect(fold("2")).toBe(2);
    expect(fold("-1")).toBe(-1);
    expect(fold("1/2")).toBe(0.5);
    expect(fold("2 ** -1")).toBe(0.5);
    expect(fold("(3 - 1) * 4 + 1")).toBe(9);
    expect(fold("-2 ** 2")).toBe(-4);
  });

  it("is undefined for anything mentioning a variable, a function or a tensor operator", () => {
    expect(fold("x")).toBeUndefined();
    expect(fold("2 * x")).toBeUndefined();
    expect(fold("exp(1)")).toBeUndefined();
    expect(fold("2 @ 3")).toBeUndefined();
    expect(fold("2'")).toBeUndefined();
  });

  it("is undefined for a non-finite result", () => {
    expect(fold("1 / 0")).toBeUndefined();
  });
});
