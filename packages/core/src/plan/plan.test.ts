import { describe, expect, it } from "vitest";
import { pathCost } from "./cost.js";
import { greedyPath } from "./greedy.js";
import { effectiveLabels } from "./labels.js";
import { planContraction } from "./plan.js";
import { mulberry32 } from "./random.js";

type Labels = readonly number[];

/**
 * The oracle: the cheapest total over every order of pairwise steps, written from the cost model's
 * definition alone (opt_einsum's flop_count: a step costs the product of the sizes of all distinct
 * labels of its operands, twice that when it sums a label; its result keeps a label iff the output
 * or another remaining operand has it).
 */
function bruteForce(inputs: Labels[], output: Labels, sizes: ReadonlyMap<number, number>): number {
  const product = (ls: Iterable<number>) =>
    [...ls].reduce((p, l) => p * (sizes.get(l) as number), 1);
  const all = inputs.flatMap((ls) => [...new Set(ls)]);
  const start = inputs.map((ls) =>
    [...new Set(ls)].filter((l) => output.includes(l) || all.filter((m) => m === l).length > 1),
  );
  // (the same operands, in any order, cost the same: a memo keeps 7 operands quick)
  const memo = new Map<string, number>();
  const search = (ops: Labels[]): number => {
    if (ops.length <= 1) return 0;
    const key = ops
      .map((o) => [...o].sort((a, b) => a - b).join(","))
      .sort()
      .join(";");
    const known = memo.get(key);
    if (known !== undefined) return known;
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < ops.length; i++) {
      for (let j = i + 1; j < ops.length; j++) {
        const rest = ops.filter((_, k) => k !== i && k !== j);
        const union = new Set([...ops[i], ...ops[j]]);
        const kept = [...union].filter(
          (l) => output.includes(l) || rest.some((r) => r.includes(l)),
        );
        const step = product(union) * (kept.length < union.size ? 2 : 1);
        best = Math.min(best, step + search([...rest, kept]));
      }
    }
    memo.set(key, best);
    return best;
  };
  return search(start);
}

function randomNetwork(rand: () => number, n: number, nLabels: number, maxRank: number) {
  const sizes = new Map(Array.from({ length: nLabels }, (_, l) => [l, 1 + Math.floor(rand() * 9)]));
  const inputs = Array.from({ length: n }, () =>
    Array.from({ length: Math.floor(rand() * (maxRank + 1)) }, () => Math.floor(rand() * nLabels)),
  );
  const output = [...sizes.keys()].filter(() => rand() < 0.25);
  return { inputs, output, sizes };
}

/** Follows a path, checking every step is in range; returns the number of operands left. */
function follow(n: number, path: readonly [number, number][]): number {
  let count = n;
  for (const [i, j] of path) {
    expect(Number.isInteger(i) && Number.isInteger(j)).toBe(true);
    expect(0 <= i && i < j && j < count).toBe(true);
    count--;
  }
  return count;
}

describe("planContraction", () => {
  it("finds the cheapest order of a brute-force search on random networks of ≤ 7 operands", () => {
    const rand = mulberry32(11);
    for (let trial = 0; trial < 360; trial++) {
      const n = 2 + (trial % 6);
      const { inputs, output, sizes } = randomNetwork(rand, n, 2 + Math.floor(rand() * 6), 3);
      const plan = planContraction(inputs, output, sizes);
      expect(plan.flops).toBe(bruteForce(inputs, output, sizes));
      expect(follow(n, plan.path)).toBe(1);
    }
  });

  it("reports the cost of the path it returns", () => {
    const rand = mulberry32(12);
    for (let trial = 0; trial < 100; trial++) {
      const { inputs, output, sizes } = randomNetwork(rand, 2 + (trial % 12), 8, 3);
      const plan = planContraction(inputs, output, sizes);
      expect(pathCost(inputs, output, sizes, plan.path)).toEqual({
        flops: plan.flops,
        peak: plan.peak,
      });
    }
  });

  it("contracts a matrix chain in the cheap order", () => {
    // A (1000×2) · B (2×1000) · C (1000×2): (AB)C costs 8,000,000; A(BC) costs 16,000.
    const sizes = new Map([
      [0, 1000],
      [1, 2],
      [2, 1000],
      [3, 2],
    ]);
    expect(
      planContraction(
        [
          [0, 1],
          [1, 2],
          [2, 3],
        ],
        [0, 3],
        sizes,
      ),
    ).toEqual({
      path: [
        [1, 2],
        [0, 1],
      ],
      flops: 16000,
      peak: 2000, // the 1000×2 result; the (AB) order would make a 1000×1000
    });
  });

  it("takes an outer product first when that is cheaper", () => {
    // aᵢ bⱼ Tᵢⱼₖ with i = j = 2, k = 100: (ab)T costs 4 + 2·400, a(bT) or (aT)b cost 2·400 + 2·200.
    const sizes = new Map([
      [0, 2],
      [1, 2],
      [2, 100],
    ]);
    const plan = planContraction([[0], [1], [0, 1, 2]], [2], sizes);
    expect(plan.path).toEqual([
      [0, 1],
      [0, 1],
    ]);
    expect(plan.flops).toBe(804);
  });

  it("joins disconnected components and counts hyperedges once", () => {
    const sizes = new Map([
      [0, 3],
      [1, 4],
      [2, 5],
    ]);
    const plan = planContraction([[0], [0], [0], [1, 2], []], [], sizes);
    expect(follow(5, plan.path)).toBe(1);
    expect(plan.flops).toBe(bruteForce([[0], [0], [0], [1, 2], []], [], sizes));
  });

  it("gives an empty path for one operand or none", () => {
    expect(
      planContraction(
        [[0, 0, 1]],
        [1],
        new Map([
          [0, 2],
          [1, 3],
        ]),
      ),
    ).toEqual({
      path: [],
      flops: 0,
      peak: 0,
    });
    expect(planContraction([], [], new Map())).toEqual({ path: [], flops: 0, peak: 0 });
  });

  // (its speed is measured by pnpm bench against opt_einsum's in the same run, not timed here)
  it("plans 30 operands greedily and deterministically", () => {
    const rand = mulberry32(13);
    const { inputs, output, sizes } = randomNetwork(rand, 30, 25, 4);
    const plan = planContraction(inputs, output, sizes);
    expect(follow(30, plan.path)).toBe(1);
    expect(planContraction(inputs, output, sizes)).toEqual(plan);
  });

  it("never beats the exact search with the greedy one", () => {
    const rand = mulberry32(14);
    for (let trial = 0; trial < 100; trial++) {
      const { inputs, output, sizes } = randomNetwork(rand, 2 + (trial % 7), 7, 3);
      const exact = planContraction(inputs, output, sizes);
      const greedy = greedyPath(effectiveLabels(inputs, output), output, sizes);
      expect(follow(inputs.length, greedy)).toBe(1);
      expect(pathCost(inputs, output, sizes, greedy).flops).toBeGreaterThanOrEqual(exact.flops);
      // Without the exact search, the refined randomized greedy is never worse than the plain one.
      const refined = planContraction(inputs, output, sizes, { optimalUpTo: 1 });
      expect(refined.flops).toBeGreaterThanOrEqual(exact.flops);
      expect(refined.flops).toBeLessThanOrEqual(pathCost(inputs, output, sizes, greedy).flops);
    }
  });

  it("rejects an exact search too large to run and a path step out of range", () => {
    expect(() => planContraction([], [], new Map(), { optimalUpTo: 40 })).toThrow(RangeError);
    expect(() => pathCost([[0], [0]], [], new Map([[0, 2]]), [[0, 2]])).toThrow(/not a pair/);
  });
});
