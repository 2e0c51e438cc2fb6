import { describe, expect, it, vi } from "vitest";
import { address } from "./heap.js";
import { giveArray, takeArray } from "./pool.js";

// the kernels' memory can be switched off, as where it is not shared
const mode = vi.hoisted(() => ({ resident: true }));
vi.mock("./heap.js", async (original) => {
  const real = await original<typeof import("./heap.js")>();
  return { ...real, allocate: (n: number) => (mode.resident ? real.allocate(n) : null) };
});

describe("the array pool", () => {
  it("places arrays in the kernels' memory and reuses a given-back block", () => {
    mode.resident = true;
    const a = takeArray(1234);
    expect(a.length).toBe(1234);
    expect(address(a)).toBeGreaterThan(0);
    giveArray(a);
    const b = takeArray(1234);
    expect(address(b)).toBe(address(a));
    giveArray(b);
  });

  it("otherwise hands a given array out again, for the same length only", () => {
    mode.resident = false;
    const a = takeArray(1234);
    expect(address(a)).toBe(-1);
    giveArray(a);
    expect(takeArray(1235) === a).toBe(false);
    expect(takeArray(1234) === a).toBe(true);
    expect(takeArray(1234) === a).toBe(false);
  });

  it("holds no more plain arrays than its limit", () => {
    mode.resident = false;
    const big = new Float64Array(1 << 22);
    const bigger = new Float64Array((1 << 23) - (1 << 21));
    giveArray(big);
    giveArray(bigger); // would pass 2²³ entries held: dropped
    expect(takeArray(bigger.length) === bigger).toBe(false);
    expect(takeArray(big.length) === big).toBe(true);
  });
});
