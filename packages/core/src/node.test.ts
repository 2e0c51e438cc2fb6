import { describe, expect, it } from "vitest";
import "./node.js";
import { address } from "./evaluate/heap.js";
import { resultArray } from "./evaluate/pool.js";

describe("the Node entry", () => {
  it("makes results as plain arrays of their own, large ones unzeroed", () => {
    for (const n of [0, 5, 1023, 1024, 100_000]) {
      const data = resultArray(n);
      expect(data).toBeInstanceOf(Float64Array);
      expect(data.length).toBe(n);
      // a whole buffer of its own, outside the kernels' memory: the caller may keep it or let go
      expect([data.byteOffset, data.buffer.byteLength, address(data)]).toEqual([0, 8 * n, -1]);
      if (n < 1024) expect(data.every((x) => x === 0)).toBe(true);
    }
  });
});
