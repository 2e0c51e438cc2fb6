import { describe, expect, it } from "vitest";
import { giveArray, takeArray } from "./pool.js";

describe("the array pool", () => {
  it("hands a given array out again, for the same length only", () => {
    const a = takeArray(1234);
    expect(a.length).toBe(1234);
    giveArray(a);
    expect(takeArray(1235) === a).toBe(false);
    expect(takeArray(1234) === a).toBe(true);
    expect(takeArray(1234) === a).toBe(false);
  });

  it("holds no more than its limit", () => {
    const big = new Float64Array(1 << 22);
    const bigger = new Float64Array((1 << 23) - (1 << 21));
    giveArray(big);
    giveArray(bigger); // would pass 2²³ entries held: dropped
    expect(takeArray(bigger.length) === bigger).toBe(false);
    expect(takeArray(big.length) === big).toBe(true);
  });
});
