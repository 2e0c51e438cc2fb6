/**
 * Property: for random well-typed expressions over every operator and function, diagrad's value
 * (a tensor network, contracted) equals the value of the naive reference interpreter, which
 * computes each AST node directly with loops and shares no code with diagrad's evaluator.
 */

import { evaluate, prepare, toNested } from "@diagrad/core";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { flatten, type Nested, relativeError, shapeOf } from "./support/compare.js";
import { problems } from "./support/expressions.js";
import { interpret, type NdArray, toNestedArray } from "./support/interpreter.js";

const shapes: Record<string, number[]> = {
  s: [],
  x: [3],
  y: [3],
  v: [2],
  A: [3, 3],
  D: [3, 3],
  B: [2, 3],
  C: [3, 2],
};

/** mulberry32: a small seeded generator of uniform numbers in [0, 1). */
function generator(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), t | 1);
    r ^= r + Math.imul(r ^ (r >>> 7), r | 61);
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

/** Entries of magnitude 0.5–1.5 with random signs; A and D get 3 added to their diagonals. */
function randomValues(seed: number): Record<string, NdArray> {
  const random = generator(seed);
  const out: Record<string, NdArray> = {};
  for (const [name, shape] of Object.entries(shapes)) {
    const n = shape.reduce((a, b) => a * b, 1);
    const data = Array.from({ length: n }, () => (random() < 0.5 ? -1 : 1) * (0.5 + random()));
    if (name === "A" || name === "D") for (let i = 0; i < 3; i++) data[i * 4] += 3;
    out[name] = { shape, data };
  }
  return out;
}

describe("diagrad's values agree with the reference interpreter", () => {
  test("random expressions (300)", () => {
    const property = fc.property(
      problems,
      fc.integer({ min: 1, max: 2 ** 31 - 1 }),
      ({ source }, seed) => {
        const values = randomValues(seed);
        const expected = toNestedArray(interpret(source, values));
        fc.pre(flatten(expected).every(Number.isFinite));
        const nested = Object.fromEntries(
          Object.entries(values).map(([k, v]) => [k, toNestedArray(v)]),
        );
        const actual = toNested(evaluate(prepare({ source, values: nested }))) as Nested;
        const context = `${source}\nseed ${seed}\nexpected ${JSON.stringify(expected)}\nactual ${JSON.stringify(actual)}`;
        expect(shapeOf(actual), context).toEqual(shapeOf(expected));
        // inputs are of size ~1: results below 1e-6 can only be cancellation, compared absolutely
        expect(relativeError(actual, expected, 1e-6), context).toBeLessThan(1e-9);
      },
    );
    fc.assert(property, { numRuns: 300, seed: 20261201 });
  });
});
