import { describe, expect, test } from "vitest";
import { evaluate, prepare } from "../api.js";
import { toNested } from "../evaluate/nested.js";
import { DiagradError } from "../language/span.js";

const value = (source: string, values: Record<string, unknown>) =>
  toNested(evaluate(prepare({ source, values })));

describe("building networks from expressions", () => {
  test("broadcasts a vector across the rows of a matrix, as NumPy does", () => {
    expect(
      value("X + b", {
        X: [
          [1, 2],
          [3, 4],
        ],
        b: [10, 20],
      }),
    ).toEqual([
      [11, 22],
      [13, 24],
    ]);
  });

  test("broadcasts an axis of size 1", () => {
    expect(
      value("X * c", {
        X: [
          [1, 2],
          [3, 4],
        ],
        c: [[2], [3]],
      }),
    ).toEqual([
      [2, 4],
      [9, 12],
    ]);
  });

  test("follows NumPy's 1-D rules for @", () => {
    const values = {
      A: [
        [1, 2],
        [3, 4],
      ],
      x: [1, 1],
    };
    expect(value("A @ x", values)).toEqual([3, 7]);
    expect(value("x @ A", values)).toEqual([4, 6]);
    expect(value("x @ x", values)).toBe(2);
  });

  test("lays kron out in NumPy's blocks and vec in column order", () => {
    expect(value("kron(a, b)", { a: [1, 2], b: [1, 10] })).toEqual([1, 10, 2, 20]);
    expect(
      value("vec(X)", {
        X: [
          [1, 2],
          [3, 4],
        ],
      }),
    ).toEqual([1, 3, 2, 4]);
    expect(
      value("unvec(vec(X), 2, 2)", {
        X: [
          [1, 2],
          [3, 4],
        ],
      }),
    ).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  test("rejects division by a zero constant at the denominator", () => {
    const error = (() => {
      try {
        prepare({ source: "x / (2 - 2)" });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DiagradError);
    expect((error as DiagradError).message).toBe("division by zero");
    expect((error as DiagradError).span).toEqual({ start: 5, end: 10 });
  });
});
