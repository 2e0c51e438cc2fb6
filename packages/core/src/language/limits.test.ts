import { describe, expect, it } from "vitest";
import { derivative, evaluate, prepare } from "../api.js";
import { MAX_DEPTH, MAX_DIMENSION } from "./limits.js";
import { parse } from "./parser.js";
import { analyze } from "./shapes.js";
import { DiagradError, ParseError } from "./span.js";

function failure(run: () => unknown): DiagradError {
  try {
    run();
  } catch (error) {
    if (error instanceof DiagradError) return error;
    throw error;
  }
  throw new Error("expected a DiagradError");
}

const parens = (n: number) => `${"(".repeat(n)}x${")".repeat(n)}`;
const negations = (n: number) => `${"- ".repeat(n)}x`;
const calls = (n: number) => `${"exp(".repeat(n)}x${")".repeat(n)}`;
const chain = (n: number) => Array.from({ length: n + 1 }, () => "x").join(" + ");
const powers = (n: number) => Array.from({ length: n + 1 }, () => "x").join(" ** ");

describe("nesting depth", () => {
  it("states its limit", () => {
    expect(MAX_DEPTH).toBe(200);
  });

  it("accepts exactly MAX_DEPTH levels of each kind and refuses one more", () => {
    for (const nest of [parens, negations, calls, chain]) {
      expect(() => parse(nest(MAX_DEPTH))).not.toThrow();
      const error = failure(() => parse(nest(MAX_DEPTH + 1)));
      expect(error).toBeInstanceOf(ParseError);
      expect(error.message).toMatch(/^the expression nests more than 200 levels deep/);
      expect(error.span).toBeDefined();
    }
  });

  it("refuses 10,000 levels as a ParseError at the first level too many, not a stack overflow", () => {
    const error = failure(() => parse(`${"(".repeat(10_000)}x`));
    expect(error.kind).toBe("syntax");
    // the 202nd '(' is the 201st level inside the outermost expression
    expect(error.span).toEqual({ start: 201, end: 202 });
    expect(failure(() => parse(negations(10_000))).span).toEqual({ start: 402, end: 403 });
    expect(failure(() => parse(powers(10_000))).message).toMatch(/200 levels/);
    expect(failure(() => parse(chain(10_000))).message).toMatch(/200 levels/);
  });

  it("protects every later stage: prepare, derivative and evaluate end in the ParseError", () => {
    for (const source of [`${"(".repeat(10_000)}x`, negations(10_000), calls(10_000)]) {
      expect(failure(() => prepare({ source })).kind).toBe("syntax");
      expect(failure(() => derivative({ source, wrt: "x" })).kind).toBe("syntax");
    }
  });

  it("takes input at the limit through every stage with the right numbers", () => {
    // 200 negations are the identity, 199 are the negation
    const even = derivative({ source: negations(200), wrt: "x" });
    expect(Array.from(evaluate(even, { x: [1, 2] }).data)).toEqual([1, 0, 0, 1]);
    const odd = prepare({ source: negations(199), values: { x: [3, -4] } });
    expect(Array.from(evaluate(odd).data)).toEqual([-3, 4]);
    const deep = prepare({ source: parens(200), values: { x: [5] } });
    expect(Array.from(evaluate(deep).data)).toEqual([5]);
    // sin applied 200 times, against a loop
    let expected = 0.7;
    for (let i = 0; i < 200; i++) expected = Math.sin(expected);
    const sines = prepare({ source: calls(200).replaceAll("exp", "sin"), values: { x: [0.7] } });
    expect(evaluate(sines).data[0]).toBeCloseTo(expected, 12);
  });

  it("counts bindings substituted at their uses", () => {
    const half = chain(100);
    expect(() => analyze(parse(`h = ${half}; h + 1`))).not.toThrow();
    const error = failure(() => analyze(parse(`h = ${half}; g = h + ${half}; g`)));
    expect(error.message).toMatch(
      /^the binding of g, with its bindings substituted, nests more than 200 levels deep/,
    );
  });
});

describe("dimensions written as numbers", () => {
  it(`are at most ${MAX_DIMENSION} per axis, in declarations, eye, unvec and given shapes`, () => {
    const declared = failure(() => analyze(parse("x: [1e300]; x")));
    expect(declared.message).toBe(
      "1e300 is too large for a dimension: diagrad takes at most 100000000 (10^8) entries per axis",
    );
    expect(declared.span).toEqual({ start: 4, end: 9 });
    expect(failure(() => analyze(parse("x: [3, 1e9]; x"))).span).toEqual({ start: 7, end: 10 });
    expect(failure(() => analyze(parse("eye(1e9)"))).message).toMatch(
      /too large for eye's size argument/,
    );
    expect(failure(() => analyze(parse("unvec(x, 2, 1000000000)"))).span).toEqual({
      start: 12,
      end: 22,
    });
    const given = failure(() => analyze(parse("x"), { shapes: { x: [1e9] } }));
    expect(given.kind).toBe("usage");
    expect(given.message).toMatch(/too large for the dimension in the shape of x/);
    expect(failure(() => prepare({ source: "x", shapes: { x: ["2000000000"] } })).kind).toBe(
      "usage",
    );
  });

  it("accept the limit itself", () => {
    expect(analyze(parse("x: [100000000]; sum(x)")).variables.get("x")).toEqual([1e8]);
  });
});
