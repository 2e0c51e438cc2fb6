/**
 * Property: every formula diagrad prints in the input language evaluates back to the derivative's
 * own numbers, for random expressions over every operator and function, at orders 1 and 2. The
 * values here are not the ones the certificate used (another seed), so this checks the certificate
 * too; and the matrix form must be what is shown for nearly all of them.
 */

import { derivative, evaluate, formulas, prepare, randomValues, type Tensor } from "@diagrad/core";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { problems } from "./support/expressions.js";

const columnMajorMatrix = (t: Tensor, outRank: number): Tensor => {
  const out = t.shape.slice(0, outRank);
  const inn = t.shape.slice(outRank);
  const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
  const position = (flat: number, shape: readonly number[]) => {
    let pos = 0;
    let stride = 1;
    const idx: number[] = [];
    for (let k = shape.length - 1; k >= 0; k--) {
      idx[k] = flat % shape[k];
      flat = Math.floor(flat / shape[k]);
    }
    for (let k = 0; k < shape.length; k++) {
      pos += idx[k] * stride;
      stride *= shape[k];
    }
    return pos;
  };
  const [rows, cols] = [size(out), size(inn)];
  const data = new Float64Array(rows * cols);
  for (let o = 0; o < rows; o++)
    for (let i = 0; i < cols; i++)
      data[position(o, out) * cols + position(i, inn)] = t.data[o * cols + i];
  return { shape: [rows, cols], data };
};

function close(actual: Tensor, expected: Tensor): boolean {
  if (actual.shape.join() !== expected.shape.join()) return false;
  const scale = expected.data.reduce((m, v) => Math.max(m, Math.abs(v)), 1);
  return expected.data.every(
    (v, i) => !Number.isFinite(v) || Math.abs(actual.data[i] - v) <= 1e-7 * scale,
  );
}

const counts = { formulas: 0, matrix: 0, vec: 0 };

function roundTrips(order: number) {
  return fc.property(problems, fc.integer({ min: 100, max: 10000 }), ({ source, wrt }, seed) => {
    const d = derivative({ source, wrt, order });
    const variables = new Map(d.variables).set(wrt, d.wrtShape);
    let values = randomValues(variables, seed, true);
    const f = formulas(d);
    const expected = evaluate(d, values);
    if (!expected.data.every(Number.isFinite)) values = randomValues(variables, seed + 1, true);
    const where = `${source} d/d${wrt} order ${order}: ${f.formula}`;
    expect(f.formula, where).not.toBe("");
    const fromFormula = evaluate(prepare({ source: f.formula, values }));
    expect(close(fromFormula, evaluate(d, values)), where).toBe(true);
    counts.formulas++;
    if (!f.notes.some((n) => n.includes("numerical check"))) counts.matrix++;
    if (f.vec_formula) {
      const vec = evaluate(prepare({ source: f.vec_formula, values }));
      const outRank = d.expression.shape.length;
      const rows = order === 2 && outRank === 0 ? d.wrtShape.length : outRank;
      expect(close(vec, columnMajorMatrix(evaluate(d, values), rows)), f.vec_formula).toBe(true);
      counts.vec++;
    }
  });
}

describe("printed formulas evaluate back to the derivative, for random expressions", () => {
  test("first derivatives (200 expressions)", () => {
    fc.assert(roundTrips(1), { numRuns: 200, seed: 20261206 });
  });

  test("second derivatives (80 expressions)", () => {
    fc.assert(roundTrips(2), { numRuns: 80, seed: 20261207 });
  });

  test("the matrix form (not the einsum fallback) is shown for at least 97 % of them", () => {
    // printed for the closing note: how many round trips ran and how many were matrix forms
    console.log(
      `formula round trips: ${counts.formulas} (${counts.matrix} matrix forms), vec: ${counts.vec}`,
    );
    expect(counts.formulas).toBeGreaterThan(0);
    expect(counts.matrix / counts.formulas).toBeGreaterThanOrEqual(0.97);
  });
});
