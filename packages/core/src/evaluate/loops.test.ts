import { describe, expect, it } from "vitest";
import { addScaled, dot, multiplyInto, scaleInto } from "./loops.js";

const run = (n: number, f: (j: number) => number) =>
  Float64Array.from({ length: n }, (_, j) => f(j));

describe("the unrolled loops", () => {
  // lengths around the unrolling: none, a remainder only, whole groups, groups and a remainder
  const lengths = [0, 3, 4, 8, 11];

  it("scale and add scaled runs, contiguous and strided", () => {
    for (const n of lengths) {
      for (const step of [1, 3]) {
        const src = run(3 * n + 1, (j) => j + 0.5);
        const into = new Float64Array(n + 2).fill(7);
        scaleInto(into, 1, 2, src, 1, step, n);
        expect([...into]).toEqual([7, ...run(n, (j) => 2 * src[1 + j * step]), 7]);
        addScaled(into, 1, -1, src, 1, step, n);
        expect([...into]).toEqual([7, ...run(n, (j) => src[1 + j * step]), 7]);
      }
    }
  });

  it("multiply runs entry by entry and take dot products", () => {
    for (const n of lengths) {
      for (const [aStep, bStep] of [
        [1, 1],
        [2, 1],
        [0, 3],
      ]) {
        const a = run(3 * n + 1, (j) => j - 2);
        const b = run(3 * n + 1, (j) => 1 / (j + 1));
        const c = new Float64Array(n + 2).fill(7);
        multiplyInto(c, 1, a, 1, aStep, b, 2, bStep, n);
        const products = run(n, (j) => a[1 + j * aStep] * b[2 + j * bStep]);
        expect([...c]).toEqual([7, ...products, 7]);
        const want = products.reduce((s, x) => s + x, 0);
        expect(dot(a, 1, aStep, b, 2, bStep, n)).toBeCloseTo(want, 12);
      }
    }
  });
});
