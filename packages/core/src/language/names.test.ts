/**
 * Names are user text: ones that mean something to JavaScript objects (`toString`, `__proto__`)
 * and ones with combining marks must work everywhere a name goes, through the library API.
 */
import { describe, expect, it } from "vitest";
import { derivative, evaluate, prepare } from "../api.js";
import { isIdentifier } from "./lexer.js";
import { parse } from "./parser.js";
import { analyze } from "./shapes.js";

const OBJECT_NAMES = ["toString", "constructor", "__proto__", "hasOwnProperty", "valueOf"];
const numbers = (t: { data: Float64Array }) => Array.from(t.data);

describe("names that are properties of JavaScript objects", () => {
  it.each(OBJECT_NAMES)("%s works as a variable, with a value and by a derivative", (name) => {
    const p = prepare({ source: `${name} * y`, values: { [name]: [1, 2], y: [3, 4] } });
    expect(numbers(evaluate(p))).toEqual([3, 8]);
    const d = derivative({ source: `${name} * y`, wrt: name });
    expect(numbers(evaluate(d, { [name]: [1, 2], y: [3, 4] }))).toEqual([3, 0, 0, 4]);
  });

  it.each(OBJECT_NAMES)("%s works as a declared and a given shape, and as a dimension", (name) => {
    const declared = analyze(parse(`${name}: [${name}, 2]; ${name} @ y`));
    expect(declared.variables.get(name)).toEqual([name, 2]);
    const given = analyze(parse(`${name} @ y`), { shapes: { [name]: ["k", 3] } });
    expect(given.variables.get(name)).toEqual(["k", 3]);
    expect(given.variables.get("y")).toEqual([3]);
  });

  it.each(OBJECT_NAMES)("%s as a dimension gives the right mean and its derivative", (name) => {
    // mean(x) over 2 entries: (1 + 2) / 2; its gradient is 1/2 in each entry
    const source = `x: [${name}]; mean(x) + sum(eye(${name}) @ x)`;
    expect(numbers(evaluate(prepare({ source, values: { x: [1, 2] } })))).toEqual([4.5]);
    const d = derivative({ source, wrt: "x" });
    expect(numbers(evaluate(d, { x: [1, 2] }))).toEqual([1.5, 1.5]);
  });

  it.each(OBJECT_NAMES)("%s is a variable of no shape given when it does not occur", (name) => {
    const d = derivative({ source: "y", wrt: name, shapes: { y: [2] } });
    expect(d.occurs).toBe(false);
    expect(d.wrtShape).toEqual([`${name}.len`]);
  });

  it("does not take an unknown function's name from Object.prototype", () => {
    expect(() => analyze(parse("toString(x)"))).toThrow("unknown function 'toString'");
  });
});

describe("isIdentifier: the lexer's rule for names, shared with the API", () => {
  it("takes letters of any script, combining marks, digits and _", () => {
    for (const name of ["x", "x́", "αβ", "W2", "_h", "Σ", "x_1"])
      expect(isIdentifier(name)).toBe(true);
  });

  it("refuses what the lexer would not read as one name", () => {
    for (const name of ["", "2x", "\u0301x", "x y", "xᵀ", "np.sum", "x-1", "x'"]) {
      expect(isIdentifier(name)).toBe(false);
    }
  });

  it("lets a name with a combining mark be differentiated by", () => {
    const d = derivative({ source: "x́ * y", wrt: "x́" });
    expect(numbers(evaluate(d, { x́: [2], y: [5] }))).toEqual([5]);
  });

  it("refuses a wrt that is not a name, also from untyped JavaScript", () => {
    expect(() => derivative({ source: "x", wrt: "np.sum" })).toThrow(
      "'np.sum' is not a variable name",
    );
    expect(() => derivative({ source: "x", wrt: null as unknown as string })).toThrow(
      "wrt must be a string (the variable's name), got null",
    );
  });
});
