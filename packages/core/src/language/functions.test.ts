import { describe, expect, it } from "vitest";
import {
  arityMessage,
  FUNCTIONS,
  type FunctionInfo,
  lookupFunction,
  numpyFunction,
} from "./functions.js";
import { functionHint, suggestFunction } from "./suggest.js";

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
      "matrix_power",
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
  it("suggests the closest known name, ignoring case", () => {
    expect(suggestFunction("tanhh")).toBe("tanh");
    expect(suggestFunction("sigmod")).toBe("sigmoid");
    expect(suggestFunction("Exp")).toBe("exp");
    expect(suggestFunction("trace")).toBeUndefined();
    expect(suggestFunction("f")).toBeUndefined();
  });

  it("counts a swap of two neighbouring letters as one edit", () => {
    expect(suggestFunction("mena")).toBe("mean");
    expect(suggestFunction("soflpus")).toBe("softplus");
  });

  it("allows 1 edit up to 4 letters, 2 up to 8, 3 beyond", () => {
    expect(suggestFunction("foo")).toBeUndefined(); // 2 edits from log
    expect(suggestFunction("exo")).toBe("exp");
    expect(suggestFunction("kronn")).toBe("kron");
    expect(suggestFunction("sigmaoid")).toBe("sigmoid");
    expect(suggestFunction("logsmexpp")).toBe("logsumexp");
    expect(suggestFunction("softness")).toBeUndefined(); // 4 edits from softmax
  });
});

describe("functionHint", () => {
  it("answers names from NumPy, MATLAB and maths texts with what the language writes", () => {
    expect(functionHint("trace")).toBe("; did you mean 'tr'?");
    expect(functionHint("dot")).toBe("; use @ for the matrix product (x @ y for two vectors)");
    expect(functionHint("transpose")).toBe("; write X.T for the transpose");
    expect(functionHint("np.dot")).toBe("; use @ for the matrix product (x @ y for two vectors)");
    expect(functionHint("mpower")).toBe("; did you mean 'matrix_power'?");
  });

  it("falls back to a name near in spelling, or nothing", () => {
    expect(functionHint("tanhh")).toBe("; did you mean 'tanh'?");
    expect(functionHint("np.sigmoid")).toBe("; did you mean 'sigmoid'?");
    expect(functionHint("foo")).toBe("");
  });
});

describe("numpyFunction", () => {
  it("maps NumPy's spellings of the language's functions onto them", () => {
    expect(numpyFunction("np.sum")).toBe("sum");
    expect(numpyFunction("numpy.exp")).toBe("exp");
    expect(numpyFunction("np.trace")).toBe("tr");
    expect(numpyFunction("np.linalg.inv")).toBe("inv");
    expect(numpyFunction("numpy.linalg.matrix_power")).toBe("matrix_power");
    expect(numpyFunction("np.linalg.norm")).toBe("norm");
  });

  it("knows nothing else: bare names, other modules, linalg names at the top level", () => {
    expect(numpyFunction("sum")).toBeUndefined();
    expect(numpyFunction("np.inv")).toBeUndefined();
    expect(numpyFunction("np.linalg.exp")).toBeUndefined();
    expect(numpyFunction("np.toString")).toBeUndefined();
    expect(numpyFunction("scipy.exp")).toBeUndefined();
  });
});
