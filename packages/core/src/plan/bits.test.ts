import { describe, expect, it } from "vitest";
import { bitsProduct, labelSets, WORD } from "./bits.js";
import { denseProblem } from "./tree.js";

describe("labelSets", () => {
  it("renumbers the labels the operands hold and keeps the output's among them", () => {
    const sizes = new Map([
      [5, 2],
      [7, 3],
      [9, 4],
    ]);
    const sets = labelSets(denseProblem([[5, 7], [7]], [5, 9], sizes));
    expect(sets.words).toBe(1);
    expect([...sets.own]).toEqual([0b11, 0b10]);
    expect([...sets.outputs]).toEqual([0b01]);
    expect(sets.sizes).toEqual([2, 3]);
    expect(sets.holders).toEqual([0b01, 0b11]);
  });

  it("spreads more labels than a word holds over several words", () => {
    const count = 2 * WORD + 5;
    const labels = Array.from({ length: count }, (_, l) => l);
    const sizes = new Map(labels.map((l) => [l, 1 + (l % 3)]));
    const sets = labelSets(denseProblem([labels, [count - 1]], [], sizes));
    expect(sets.words).toBe(3);
    expect([...sets.own.subarray(3, 6)]).toEqual([0, 0, 1 << 4]);
    let product = 1;
    for (let w = 0; w < sets.words; w++) product *= bitsProduct(sets.own[w], w, sets.sizes);
    expect(product).toBe(labels.reduce((p, l) => p * (1 + (l % 3)), 1));
  });
});
