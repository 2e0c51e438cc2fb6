import { describe, expect, test } from "vitest";
import { derivative, evaluate, prepare } from "./api.js";
import type { DiagradError } from "./language/span.js";
import { defaultLimits } from "./limits.js";

/** The DiagradError `f` throws, and how long it took to throw it. */
function failure(f: () => unknown): { error: DiagradError; ms: number } {
  const start = performance.now();
  try {
    f();
  } catch (error) {
    return { error: error as DiagradError, ms: performance.now() - start };
  }
  throw new Error("expected an error");
}

const chain = (n: number, factor: string, op: string) => Array(n).fill(factor).join(` ${op} `);

describe("derivatives past a size limit stop with an error naming the limit", () => {
  // Each of these ran for minutes before the limits (issue 18); each now stops within seconds.
  test.each([
    ["det(A) by A, order 8", "det(A)", "A", 8],
    ["logdet(A) by A, order 8", "logdet(A)", "A", 8],
    ["A @ … @ A (200 factors) by A", `A: [3, 3]; ${chain(200, "A", "@")}`, "A", 1],
    // 150: the parser refuses nesting past 200 levels, and a left-nested chain is that deep
    ["x * … * x (150 factors) by x", chain(150, "x", "*"), "x", 1],
  ])(
    "%s",
    (_name, source, wrt, order) => {
      const { error, ms } = failure(() => derivative({ source, wrt, order }));
      expect(error.name).toBe("DiagradError");
      expect(error.kind).toBe("limit");
      expect(error.message).toMatch(
        /more than 10000 tensor-network nodes.*--max-nodes N \(maxNodes/,
      );
      expect(ms).toBeLessThan(15_000); // minutes before; ~1–4 s on a loaded two-core machine
    },
    30_000,
  );

  test("maxTerms counts the terms of the derivative", () => {
    // ∂(sin(x) ∘ cos(x))/∂x has two terms (cos·cos and −sin·sin): one more than a limit of 1
    const { error } = failure(() =>
      derivative({ source: "sin(x) * cos(x)", wrt: "x", maxTerms: 1 }),
    );
    expect(error.kind).toBe("limit");
    expect(error.message).toContain("more than 1 terms, the limit; raise it with --max-terms N");
    expect(
      derivative({ source: "sin(x) * cos(x)", wrt: "x", maxTerms: 2 }).network.terms,
    ).toHaveLength(2);
  });

  test("a raised limit lets a larger derivative through, with the right value", () => {
    const source = `A: [2, 2]; ${chain(25, "A", "@")}`;
    expect(() => derivative({ source, wrt: "A", maxNodes: 100 })).toThrow(/maxNodes/);
    const d = derivative({ source, wrt: "A", maxNodes: defaultLimits.maxNodes });
    // A = 0.5 I: ∂(A²⁵)[i,j]/∂A[k,l] = Σ_p (A^p)[i,k] (A^{24−p})[l,j] = 25 · 0.5²⁴ δ[i,k] δ[l,j]
    const J = evaluate(d, {
      A: [
        [0.5, 0],
        [0, 0.5],
      ],
    });
    expect(J.data[0]).toBeCloseTo(25 * 0.5 ** 24, 15); // [0,0,0,0]
    expect(J.data[1]).toBe(0); // [0,0,0,1]
  });

  test("onProgress hears about a long derivative: its order, of how many, and the terms so far", () => {
    const heard: { order: number; of: number; terms: number; stage: string }[] = [];
    const onProgress = (p: (typeof heard)[number]) => heard.push(p);
    derivative({ source: "det(A)", wrt: "A", order: 6, maxNodes: 20_000, onProgress });
    // order 6 makes 720 terms (6!) and takes more than the 250 ms between reports on any machine
    expect(heard.length).toBeGreaterThan(0);
    for (const p of heard) {
      expect(p.of).toBe(6);
      expect(p.order).toBeGreaterThanOrEqual(1);
      expect(p.order).toBeLessThanOrEqual(6);
      expect(p.terms).toBeGreaterThan(0);
    }
    // order 6 ends with its 720 terms being simplified, which is reported too
    expect(heard.at(-1)).toEqual({ order: 6, of: 6, terms: 720, stage: "simplifying" });
  }, 30_000);
});

describe("dense tensors past 2²⁶ entries are refused before they are allocated", () => {
  test("eye(100000) * 2 names its size in entries and bytes and the limit", () => {
    const { error } = failure(() => evaluate(prepare({ source: "eye(100000) * 2" })));
    expect(error.kind).toBe("limit");
    // 100000² = 10¹⁰ entries, 8·10¹⁰ bytes = 74.5 GiB; the limit is 2²⁶ = 67108864 entries, 512 MiB
    expect(error.message).toBe(
      "a tensor of shape [100000, 100000] would have 10000000000 entries (74.5 GiB); one dense tensor may have at most 67108864 entries (512 MiB)",
    );
  });

  test("a declared dimension of 1e300 is refused as a shape", () => {
    expect(() => prepare({ source: "x", shapes: { x: [1e300] } })).toThrow(
      /dimension 1 of the shape of x must be a positive integer of at most 9007199254740991/,
    );
  });
});
