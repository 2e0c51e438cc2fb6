import { describe, expect, it } from "vitest";
import { address, allocate, heap, release, reserve, unreserve } from "./heap.js";

describe("the kernels' heap", () => {
  it("hands out aligned views of the kernels' memory, and tells them from other arrays", () => {
    const a = allocate(5) as Float64Array;
    expect(a.length).toBe(5);
    expect(address(a) % 64).toBe(0);
    a[3] = 42;
    expect(heap()[address(a) / 8 + 3]).toBe(42);
    expect(address(new Float64Array(5))).toBe(-1);
    expect(allocate(0)).toBeNull();
    release(a);
  });

  it("reuses a freed block and merges free neighbours", () => {
    const [x, y, z] = [reserve(100), reserve(100), reserve(100)];
    expect(new Set([x, y, z]).size).toBe(3);
    unreserve(x);
    unreserve(y);
    // x and y merged: a block of both their sizes fits where they were
    expect(reserve(200)).toBe(Math.min(x, y));
    unreserve(Math.min(x, y));
    unreserve(z);
    unreserve(z); // a second free of the same address does nothing
    expect(reserve(64)).toBe(Math.min(x, y, z));
  });

  it("keeps earlier arrays valid when the memory grows", () => {
    const small = allocate(8) as Float64Array;
    small.fill(3);
    const before = heap().length;
    const big = allocate(before) as Float64Array; // more than the whole memory held: it grows
    expect(heap().length).toBeGreaterThan(before);
    big.fill(1);
    expect([...small]).toEqual(new Array(8).fill(3));
    small[0] = 9;
    expect(heap()[address(small) / 8]).toBe(9);
    release(big);
    release(small);
  });

  it("frees only whole arrays, not views into them", () => {
    const x = allocate(8) as Float64Array;
    const y = allocate(8) as Float64Array;
    release(x.subarray(0, 2)); // where x starts, but not all of it
    release(x.subarray(8)); // empty, where y starts
    release(y.subarray(4));
    const z = allocate(8) as Float64Array;
    expect([address(x), address(y)]).not.toContain(address(z));
    for (const a of [x, y, z]) release(a);
  });

  it("says when the memory cannot hold a block", () => {
    expect(reserve(2 ** 33)).toBe(-1);
    expect(allocate(2 ** 31)).toBeNull();
  });
});
