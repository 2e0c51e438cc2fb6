import { describe, expect, it } from "vitest";
import { mulberry32 } from "../plan/random.js";
import { address, allocate, release } from "./heap.js";
import { gather } from "./strided.js";

/** The oracle: every entry of the view read one by one, row-major. */
function naiveGather(data: Float64Array, shape: number[], view: number[]): number[] {
  const out: number[] = [];
  const visit = (axis: number, at: number): void => {
    if (axis === shape.length) {
      out.push(data[at]);
      return;
    }
    for (let i = 0; i < shape[axis]; i++) visit(axis + 1, at + i * view[axis]);
  };
  visit(0, 0);
  return out;
}

describe("gather", () => {
  it("transposes, takes diagonals and broadcasts, in plain arrays", () => {
    const data = Float64Array.of(1, 2, 3, 4);
    expect([...gather(data, [2, 2], [1, 2])]).toEqual([1, 3, 2, 4]);
    expect([...gather(data, [2], [3])]).toEqual([1, 4]);
    expect([...gather(data, [2, 2], [0, 1])]).toEqual([1, 2, 1, 2]);
  });

  it("reads views between arrays in the kernels' memory as the naive loop does", () => {
    const rand = mulberry32(8);
    for (let trial = 0; trial < 200; trial++) {
      const rank = 1 + Math.floor(rand() * 4);
      const shape = Array.from({ length: rank }, () => 1 + Math.floor(rand() * 5));
      // strides: a permutation of row-major ones, or a broadcast, or adjacent pairs of values
      const rowMajor = shape.map((_, a) => shape.slice(a + 1).reduce((x, y) => x * y, 1));
      const order = rowMajor.map((s) => ({ s, key: rand() })).sort((x, y) => x.key - y.key);
      const view = order.map(({ s }) => (rand() < 0.15 ? 0 : s * (rand() < 0.2 ? 2 : 1)));
      const length = 1 + view.reduce((s, v, a) => s + v * (shape[a] - 1), 0);
      const source = allocate(length) as Float64Array;
      for (let k = 0; k < length; k++) source[k] = rand();
      const out = allocate(shape.reduce((x, y) => x * y, 1)) as Float64Array;
      expect(address(out)).toBeGreaterThanOrEqual(0);
      gather(source, shape, view, out);
      expect([...out]).toEqual(naiveGather(source, shape, view));
      release(source);
      release(out);
    }
  });

  it("reads a large view from the kernels' memory into a plain array as the naive loop does", () => {
    const rand = mulberry32(9);
    const [rows, cols] = [70, 90]; // 6300 entries: through scratch in the kernels' memory
    const source = allocate(rows * cols) as Float64Array;
    for (let k = 0; k < source.length; k++) source[k] = rand();
    // its transpose, and the source as it is (one contiguous run)
    for (const [shape, view] of [
      [
        [cols, rows],
        [1, cols],
      ],
      [
        [rows, cols],
        [cols, 1],
      ],
    ]) {
      const out = new Float64Array(rows * cols).fill(Number.NaN);
      gather(source, shape, view, out);
      expect([...out]).toEqual(naiveGather(source, shape, view));
    }
    release(source);
  });
});
