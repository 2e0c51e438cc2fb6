/**
 * Property: for random well-typed expressions over every operator and function, each derivative
 * (orders 1 and 2) agrees with central finite differences of the order below it.
 */

import { checkDerivative } from "@diagrad/core";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { problems } from "./support/expressions.js";

function agrees(order: number, tolerance: number) {
  return fc.property(problems, fc.integer({ min: 1, max: 1000 }), ({ source, wrt }, seed) => {
    const check = checkDerivative({ source, wrt, order, seed });
    expect(check.maxRelativeError, `${source} d/d${wrt} order ${order}, seed ${seed}`).toBeLessThan(
      tolerance,
    );
  });
}

describe("derivatives of random expressions match finite differences", () => {
  test("first derivatives (300 expressions)", () => {
    fc.assert(agrees(1, 1e-6), { numRuns: 300, seed: 20261121 });
  });

  test("second derivatives (150 expressions)", () => {
    fc.assert(agrees(2, 1e-5), { numRuns: 150, seed: 20261122 });
  });
});
