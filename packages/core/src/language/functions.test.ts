import { describe, expect, it } from "vitest";
import {
  arityMessage,
  FUNCTIONS,
  type FunctionInfo,
  lookupFunction,
  suggestFunction,
} from "./functions.js";

describe("FUNCTIONS", () => {
  it("lists every function of the language reference once, with a signature and description", () => {
    const names = FUNCTIONS.map((f) => f.name);
    expect(names).toEqual([
      "exp",
      "log",
      "sqrt",
      "tanh",
      "sigmoid",
      "sin",
      "cos",
      "abs",
      "relu",
      "softplus",
      "sign",
      "step",
      "sum",
      "mean",
      "tr",
      "det",
      "logdet",
      "inv",
      "diag",
      "outer",
      "kron",
      "vec",
      "unvec",
      "norm",
      "softmax",
      "logsumexp",
      "einsum",
      "eye",
      "ones",
    ]);
    for (const f of FUNCTIONS) {
      expect(f.signature.startsWith(f.name)).toBe(true);
      expect(f.description.length).toBeGreaterThan(5);
      expect(f.minArgs).toBeLessThanOrEqual(f.maxArgs);
    }
  });

  it("marks the dimension arguments of eye and unvec", () => {
    expect(lookupFunction("eye")?.dimensionArgs).toEqual([0]);
    expect(lookupFunction("unvec")?.dimensionArgs).toEqual([1, 2]);
    expect(lookupFunction("sum")?.dimensionArgs).toEqual([]);
  });

  it("looks up known names only", () => {
    expect(lookupFunction("einsum")?.maxArgs).toBe(Infinity);
    expect(lookupFunction("toString")).toBeUndefined();
  });
});

describe("arityMessage", () => {
  it("words the expected count naturally", () => {
    const info = (name: string) => lookupFunction(name) ?? (FUNCTIONS[0] as FunctionInfo);
    expect(arityMessage(info("sum"), 3)).toBe("sum takes 1 or 2 arguments, got 3");
    expect(arityMessage(info("exp"), 2)).toBe("exp takes 1 argument, got 2");
    expect(arityMessage(info("outer"), 1)).toBe("outer takes 2 arguments, got 1");
    expect(arityMessage(info("einsum"), 1)).toBe("einsum takes at least 2 arguments, got 1");
  });
});

describe("suggestFunction", () => {
  it("suggests the closest known name within two edits, ignoring case", () => {
    expect(suggestFunction("tanhh")).toBe("tanh");
    expect(suggestFunction("sigmod")).toBe("sigmoid");
    expect(suggestFunction("Exp")).toBe("exp");
    expect(suggestFunction("trace")).toBeUndefined();
    expect(suggestFunction("f")).toBeUndefined();
  });
});
