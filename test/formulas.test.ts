/**
 * The printed formulas parse back to the same numbers: for every acceptance case, `formula`
 * evaluated with the case's inputs reproduces the independently computed derivative, and
 * `vec_formula` reproduces it reshaped column-major (numerator layout). The cookbook table's
 * rows are checked the same way, and printing stays fast on a network Hessian.
 */
import { derivative, evaluate, prepare, random, toNested } from "@diagrad/core";
import { describe, expect, test } from "vitest";
import { formulas } from "../packages/core/src/print/index.js";
import { diagradColumn, rows } from "../scripts/cookbook-table.mjs";
import { acceptanceCases as cases } from "./support/cases.js";
import { flatten, type Nested, relativeError, shapeOf } from "./support/compare.js";

const evaluateFormula = (source: string, values: Record<string, unknown>) =>
  toNested(evaluate(prepare({ source, values }))) as Nested;

/** J[out…, in…] as the matrix M[vec index of out, vec index of in], vec column-major. */
function columnMajor(j: Nested, outRank: number): number[][] {
  const shape = shapeOf(j);
  const data = flatten(j);
  const strides = shape.map((_, k) => shape.slice(k + 1).reduce((a, b) => a * b, 1));
  const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
  const [outShape, inShape] = [shape.slice(0, outRank), shape.slice(outRank)];
  // column-major: the first axis varies fastest
  const digits = (x: number, s: number[]) =>
    s.map((n, k) => Math.floor(x / size(s.slice(0, k))) % n);
  const m: number[][] = [];
  for (let r = 0; r < size(outShape); r++) {
    m.push([]);
    for (let c = 0; c < size(inShape); c++) {
      const index = [...digits(r, outShape), ...digits(c, inShape)];
      m[r].push(data[index.reduce((s, i, k) => s + i * strides[k], 0)]);
    }
  }
  return m;
}

describe.each(cases)("formulas of acceptance case $id", (c) => {
  const f = formulas(derivative({ source: c.expr, wrt: c.wrt, order: c.order, shapes: c.shapes }));

  test("formula, evaluated by diagrad, reproduces the derivative to 1e-8", () => {
    const value = evaluateFormula(f.formula, c.inputs);
    expect(shapeOf(value)).toEqual(shapeOf(c.derivative));
    expect(relativeError(value, c.derivative)).toBeLessThan(1e-8);
  });

  test("vec_formula (where defined) reproduces the derivative reshaped column-major", () => {
    const outRank = shapeOf(c.derivative).length - shapeOf(c.inputs[c.wrt]).length * c.order;
    const wrtRank = shapeOf(c.inputs[c.wrt]).length;
    // a Jacobian between vectors and matrices, or a scalar's Hessian by a vector or matrix
    const defined =
      (c.order === 1 && outRank >= 1 && wrtRank >= 1 && outRank <= 2) ||
      (c.order === 2 && outRank === 0 && wrtRank >= 1 && wrtRank <= 2);
    const rows = c.order === 2 ? wrtRank : outRank;
    expect(f.vec_formula !== undefined).toBe(defined);
    if (f.vec_formula === undefined) return;
    const value = evaluateFormula(f.vec_formula, c.inputs);
    expect(relativeError(value, columnMajor(c.derivative, rows))).toBeLessThan(1e-8);
  });
});

/** Values for declared symbolic shapes: random entries, square matrices made well conditioned. */
function valuesFor(shapes: Record<string, string[]>, seed: number): Record<string, Nested> {
  const sizes: Record<string, number> = { m: 3, n: 4, p: 2, q: 5 };
  const next = random(seed);
  const fill = (dims: number[]): Nested =>
    dims.length === 0 ? next() * 2 - 1 : Array.from({ length: dims[0] }, () => fill(dims.slice(1)));
  const wellConditioned = (x: Nested) => {
    (x as number[][]).forEach((row, k) => {
      row[k] += row.length;
    });
    return x;
  };
  return Object.fromEntries(
    Object.entries(shapes).map(([name, dims]) => {
      const sized = dims.map((d) => sizes[d]);
      const square = sized.length === 2 && sized[0] === sized[1];
      return [name, square ? wellConditioned(fill(sized)) : fill(sized)];
    }),
  );
}

describe.each(rows.map((row, k) => ({ ...row, k })))(
  "cookbook row $k: $expr w.r.t. $wrt",
  (row) => {
    test("every form of the row evaluates to the derivative", () => {
      const d = derivative({
        source: row.expr,
        wrt: row.wrt,
        order: row.order ?? 1,
        shapes: row.shapes,
      });
      const values = valuesFor(row.shapes, 17 + row.k);
      const f = formulas(d);
      const expected = toNested(evaluate(d, values)) as Nested;
      expect(relativeError(evaluateFormula(f.formula, values), expected)).toBeLessThan(1e-8);
      if (f.vec_formula) {
        const outRank = d.expression.shape.length;
        // a scalar's Hessian: rows and columns are both vec(X)
        const rows = d.order === 2 && outRank === 0 ? d.wrtShape.length : outRank;
        expect(
          relativeError(evaluateFormula(f.vec_formula, values), columnMajor(expected, rows)),
        ).toBeLessThan(1e-8);
      }
      expect(diagradColumn(row, derivative, formulas)).toBeTruthy();
    });
  },
);

test("the Hessian of a two-layer network's loss w.r.t. W1 has a certified formula (its time is in pnpm bench)", () => {
  const d = derivative({ source: "norm(W2 @ tanh(W1 @ x + b1) - y)**2", wrt: "W1", order: 2 });
  const f = formulas(d);
  expect(f.formula.length).toBeGreaterThan(0);
  expect(f.notes.filter((n) => n.includes("numerical check"))).toEqual([]);
});
