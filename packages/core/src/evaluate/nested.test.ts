import { describe, expect, it } from "vitest";
import { DiagradError } from "../language/span.js";
import { fromNested, toNested } from "./nested.js";
import { scalarTensor, size, strides, tensor } from "./tensor.js";

describe("tensor", () => {
  it("knows the size and row-major strides of a shape", () => {
    expect(size([2, 3, 4])).toBe(24);
    expect(size([])).toBe(1);
    expect(strides([2, 3, 4])).toEqual([12, 4, 1]);
    expect(strides([])).toEqual([]);
  });

  it("copies its data and checks its length", () => {
    const data = [1, 2, 3, 4];
    const t = tensor([2, 2], data);
    data[0] = 9;
    expect([...t.data]).toEqual([1, 2, 3, 4]);
    expect([...tensor([2]).data]).toEqual([0, 0]);
    expect(scalarTensor(2.5)).toEqual({ shape: [], data: Float64Array.of(2.5) });
    expect(() => tensor([2, 2], [1, 2, 3])).toThrow(/needs 4 entries but got 3/);
    expect(() => tensor([1.5])).toThrow(/not a size/);
  });
});

describe("fromNested and toNested", () => {
  it("round-trip scalars, vectors, matrices and rank-3 tensors", () => {
    for (const value of [
      3.5,
      [1, 2],
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      [
        [[1], [2]],
        [[3], [4]],
        [[5], [6]],
      ],
    ]) {
      expect(toNested(fromNested(value, "x"))).toEqual(value);
    }
    expect(
      fromNested(
        [
          [1, 2],
          [3, 4],
        ],
        "A",
      ),
    ).toEqual({ shape: [2, 2], data: Float64Array.of(1, 2, 3, 4) });
  });

  const cases: [string, unknown, string][] = [
    [
      "a ragged matrix",
      [
        [1, 2, 3, 4],
        [1, 2, 3],
      ],
      "value of A: row 2 has 3 entries but row 1 has 4",
    ],
    ["an empty row", [[1], []], "value of A: row 2 is empty but row 1 has 1 entry"],
    ["an empty array", [], "value of A is an empty array"],
    ["an empty first row", [[], []], "value of A: row 1 is empty"],
    [
      "a deeper ragged slice",
      [
        [
          [1, 2],
          [3, 4],
        ],
        [[1, 2], [3]],
      ],
      "value of A: entry [2, 2] has 1 entry but entry [1, 1] has 2",
    ],
    ["a number where a row belongs", [[1, 2], 3], "value of A: row 2 is 3 but row 1 has 2 entries"],
    [
      "a row where a number belongs",
      [
        [1, 2],
        [3, [4]],
      ],
      "value of A: entry [2, 2] is an array but entry [1, 1] is a number",
    ],
    ["a string", [[1, "2"]], 'value of A: entry [1, 2] is "2", not a number'],
    ["a null in a vector", [1, null], "value of A: entry 2 is null, not a number"],
    [
      "a non-finite entry",
      [1, Number.NaN],
      "value of A: entry 2 is NaN; entries must be finite numbers",
    ],
    ["a non-number scalar", true, "value of A is true, not a number"],
    [
      "an infinite scalar",
      Number.POSITIVE_INFINITY,
      "value of A is Infinity; entries must be finite numbers",
    ],
    ["an object", { a: 1 }, "value of A is an object, not a number"],
  ];
  for (const [what, value, message] of cases) {
    it(`reject ${what}`, () => {
      const run = () => fromNested(value, "A");
      expect(run).toThrow(DiagradError);
      expect(run).toThrow(message);
      try {
        run();
      } catch (e) {
        expect((e as DiagradError).kind).toBe("value");
        expect((e as Error).message).toBe(message);
      }
    });
  }
});
