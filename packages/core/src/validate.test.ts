import { describe, expect, test } from "vitest";
import { derivative, evaluate, prepare } from "./api.js";
import { checkDerivative } from "./check.js";
import { derivation } from "./derivation.js";
import { formulas } from "./print/formulas.js";

/** Calls `f` as untyped JavaScript would, and returns what it threw. */
function thrown(f: (...args: never[]) => unknown, ...args: unknown[]): Error {
  try {
    (f as (...a: unknown[]) => unknown)(...args);
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error");
}

describe("the library's entry points, called from untyped JavaScript, answer with DiagradErrors", () => {
  test.each([
    [prepare, [null], 'the problem must be an object like { source: "x * y" }, got null'],
    [prepare, [{ source: 42 }], "source must be a string (the expression), got the number 42"],
    [prepare, [{ source: null }], "source must be a string (the expression), got null"],
    [
      prepare,
      [{ source: "x", shapes: "x=3" }],
      'shapes must be an object mapping names to shapes, got the string "x=3"',
    ],
    [
      prepare,
      [{ source: "x", shapes: { x: "3" } }],
      'the shape of x must be an array of sizes and symbols, got the string "3"',
    ],
    [
      prepare,
      [{ source: "x", shapes: { x: [2.5] } }],
      "dimension 1 of the shape of x must be a positive integer of at most 9007199254740991 or a symbol, got the number 2.5",
    ],
    [
      prepare,
      [{ source: "x", shapes: { x: [null] } }],
      "dimension 1 of the shape of x must be a positive integer of at most 9007199254740991 or a symbol, got null",
    ],
    [
      prepare,
      [{ source: "x", values: [1, 2] }],
      "values must be an object mapping names to values, got an array",
    ],
    [
      prepare,
      [{ source: "x", maxTerms: -1 }],
      "maxTerms must be a positive integer, got the number -1",
    ],
    [
      derivative,
      [{ source: "x", wrt: 3 }],
      "wrt must be a string (the variable's name), got the number 3",
    ],
    [
      derivative,
      [{ source: "x", wrt: "x", order: 0 }],
      "the order must be a positive integer, got the number 0",
    ],
    [
      derivative,
      [{ source: "x", wrt: "x", order: "2" }],
      'the order must be a positive integer, got the string "2"',
    ],
    [
      derivative,
      [{ source: "x", wrt: "x", order: 1e9 }],
      "the order must be at most 64, got 1000000000; each order multiplies the work",
    ],
    [
      derivation,
      [{ source: "x", wrt: "x", order: 1e9 }],
      "the order must be at most 64, got 1000000000; each order multiplies the work",
    ],
    [checkDerivative, [null], 'the problem must be an object like { source: "x * y" }, got null'],
    [evaluate, [null], "evaluate takes what prepare or derivative returned, got null"],
    [formulas, [{}], "formulas takes what derivative returned, got an object"],
  ])("%o %o", (f, args, message) => {
    const error = thrown(f as never, ...(args as unknown[]));
    expect(error.name).toBe("DiagradError");
    expect(error.message).toBe(message);
  });

  test("formulas refuses an unknown layout", () => {
    const d = derivative({ source: "x * y", wrt: "x" });
    expect(thrown(formulas as never, d, { layout: "sideways" }).message).toBe(
      'layout must be "numerator" or "denominator", got the string "sideways"',
    );
  });
});

describe("Tensor values are checked as nested arrays are", () => {
  const p = prepare({ source: "x * y" });
  test.each([
    [
      { shape: [3], data: new Float64Array(2) },
      "value of y: shape [3] needs 3 entries but the data has 2",
    ],
    [
      { shape: "3", data: new Float64Array(3) },
      'value of y: a Tensor\'s shape must be an array of sizes, got the string "3"',
    ],
    [
      { shape: [1.5], data: new Float64Array(1) },
      "value of y: dimension 1 of the shape must be a non-negative integer, got the number 1.5",
    ],
    [
      { shape: [2], data: Float64Array.of(1, Number.NaN) },
      "value of y: entry 2 of the data is NaN; entries must be finite numbers",
    ],
    [
      { shape: [2], data: Float64Array.of(Infinity, 1) },
      "value of y: entry 1 of the data is Infinity; entries must be finite numbers",
    ],
  ])("%o", (y, message) => {
    const error = thrown(evaluate as never, p, { x: [1, 2], y });
    expect(error.name).toBe("DiagradError");
    expect(error.message).toBe(message);
  });

  test("a well-formed Tensor gives the same numbers as nested arrays", () => {
    const y = { shape: [2], data: Float64Array.of(3, 4) };
    // x ∘ y = [1·3, 2·4]
    expect([...evaluate(p, { x: [1, 2], y }).data]).toEqual([3, 8]);
  });
});

describe("names that are properties of Object.prototype are plain names to the API", () => {
  test("a derivative by 'constructor', which does not occur, is zero of the declared shape", () => {
    const d = derivative({ source: "x * y", wrt: "constructor", shapes: { x: [3] } });
    expect(d.occurs).toBe(false);
    expect(d.wrtShape).toEqual(["constructor.len"]);
    expect(d.network.terms).toHaveLength(0);
  });
});
