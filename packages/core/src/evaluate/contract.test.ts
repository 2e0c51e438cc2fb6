import { describe, expect, it, vi } from "vitest";
import { mulberry32 } from "../plan/random.js";
import { compileContraction, contract, type Operand } from "./contract.js";
import { address, allocate, release } from "./heap.js";
import type { Tensor } from "./tensor.js";

/**
 * The oracle: loop over every assignment of every label in `sizes`, add the product of the
 * operands' entries to the output entry it addresses. Also returns Σ|product| per entry, the scale
 * against which rounding error is measured.
 */
function naiveEinsum(
  operands: readonly Operand[],
  output: readonly number[],
  sizes: ReadonlyMap<number, number>,
): { shape: number[]; value: number[]; scale: number[] } {
  const labels = [...sizes.keys()];
  const shape = output.map((l) => sizes.get(l) as number);
  const total = shape.reduce((a, b) => a * b, 1);
  const value = new Array<number>(total).fill(0);
  const scale = new Array<number>(total).fill(0);
  const at = new Map<number, number>(labels.map((l) => [l, 0]));
  const offset = (ls: readonly number[], dims: readonly number[]) =>
    ls.reduce((o, l, k) => o * dims[k] + (at.get(l) as number), 0);
  const visit = (k: number): void => {
    if (k === labels.length) {
      let p = 1;
      for (const op of operands) p *= op.tensor.data[offset(op.labels, op.tensor.shape)];
      const o = offset(output, shape);
      value[o] += p;
      scale[o] += Math.abs(p);
      return;
    }
    for (let i = 0; i < (sizes.get(labels[k]) as number); i++) {
      at.set(labels[k], i);
      visit(k + 1);
    }
  };
  visit(0);
  return { shape, value, scale };
}

// every array handed back to the pool, to check that none is a plain one where memory is shared;
// and results made of NaN, as a host's unzeroed memory may hold anything (`setResultAllocator`),
// so that every test below also checks that each entry of a result is written
const givenBack = vi.hoisted(() => ({ plain: 0 }));
vi.mock("./pool.js", async (original) => {
  const real = await original<typeof import("./pool.js")>();
  const heap = await import("./heap.js");
  return {
    ...real,
    giveArray: (array: Float64Array) => {
      if (heap.address(array) < 0) givenBack.plain++;
      real.giveArray(array);
    },
    resultArray: (n: number) => new Float64Array(n).fill(Number.NaN),
  };
});

function randomTensor(shape: number[], rand: () => number): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return { shape, data: Float64Array.from({ length: n }, () => 2 * rand() - 1) };
}

function operand(
  labels: number[],
  sizes: ReadonlyMap<number, number>,
  rand: () => number,
): Operand {
  return {
    tensor: randomTensor(
      labels.map((l) => sizes.get(l) as number),
      rand,
    ),
    labels,
  };
}

function expectMatchesOracle(operands: Operand[], output: number[], sizes: Map<number, number>) {
  const copies = operands.map((op) => Float64Array.from(op.tensor.data));
  const got = contract(operands, output, sizes);
  const want = naiveEinsum(operands, output, sizes);
  expect(got.shape).toEqual(want.shape);
  expect(got.data.length).toBe(want.value.length);
  for (let k = 0; k < want.value.length; k++) {
    const err = Math.abs(got.data[k] - want.value[k]);
    expect(err).toBeLessThanOrEqual(1e-12 * Math.max(want.scale[k], Number.MIN_VALUE));
  }
  operands.forEach((op, k) => {
    expect(op.tensor.data).toEqual(copies[k]);
  });
}

interface Options {
  operands: [number, number];
  labels: [number, number];
  rank: [number, number];
  maxSize: number;
  repeatChance: number;
  outputChance: number;
  extraOutput: number;
}

/** A random network: operands draw labels from a shared pool (so hyperedges and repeats occur). */
function randomProblem(rand: () => number, o: Options) {
  const pick = ([lo, hi]: [number, number]) => lo + Math.floor(rand() * (hi - lo + 1));
  for (;;) {
    const nLabels = pick(o.labels);
    const sizes = new Map<number, number>();
    for (let l = 0; l < nLabels; l++) sizes.set(10 + 3 * l, 1 + Math.floor(rand() * o.maxSize));
    const pool = [...sizes.keys()];
    const choose = () => pool[Math.floor(rand() * pool.length)];
    const labelLists: number[][] = [];
    for (let k = pick(o.operands); k > 0; k--) {
      const labels: number[] = [];
      for (let r = pick(o.rank); r > 0; r--) {
        labels.push(labels.length > 0 && rand() < o.repeatChance ? labels[0] : choose());
      }
      labelLists.push(labels);
    }
    const used = [...new Set(labelLists.flat())];
    const output = used.filter(() => rand() < o.outputChance);
    for (let k = 0; k < o.extraOutput; k++) {
      if (rand() < 0.5) output.push(rand() < 0.5 && output.length > 0 ? output[0] : choose());
    }
    output.sort(() => rand() - 0.5);
    const work = [...sizes.values()].reduce((a, b) => a * b, 1) * (labelLists.length + 1);
    if (work > 400_000) continue;
    return { operands: labelLists.map((ls) => operand(ls, sizes, rand)), output, sizes };
  }
}

const base: Options = {
  operands: [1, 4],
  labels: [1, 5],
  rank: [0, 3],
  maxSize: 4,
  repeatChance: 0,
  outputChance: 0.4,
  extraOutput: 0,
};

describe("contract agrees with a naive einsum", () => {
  const families: [string, Partial<Options>][] = [
    ["on small networks of 1–4 operands", {}],
    ["on networks of 5–8 operands", { operands: [5, 8], labels: [4, 8], maxSize: 3 }],
    ["with hyperedges shared by 3–4 operands", { operands: [3, 6], labels: [2, 3], rank: [1, 3] }],
    ["with repeated labels in an operand (traces, diagonals)", { repeatChance: 0.5, rank: [2, 4] }],
    ["with repeated and broadcast output labels", { extraOutput: 3, outputChance: 0.3 }],
    ["with scalars and size-1 labels", { rank: [0, 2], maxSize: 1, labels: [1, 3] }],
    [
      "with everything at once",
      { operands: [0, 7], labels: [1, 7], repeatChance: 0.3, extraOutput: 2 },
    ],
  ];
  for (const [name, options] of families) {
    it(name, () => {
      const rand = mulberry32(name.length * 7919);
      for (let trial = 0; trial < 150; trial++) {
        const p = randomProblem(rand, { ...base, ...options });
        expectMatchesOracle(p.operands, p.output, p.sizes);
      }
    });
  }

  it("on matrix chains of 2–12 matrices (past the exact planner's limit)", () => {
    const rand = mulberry32(3);
    for (let n = 2; n <= 12; n++) {
      const sizes = new Map(
        Array.from({ length: n + 1 }, (_, l) => [l, 1 + Math.floor(rand() * 3)]),
      );
      const ops = Array.from({ length: n }, (_, k) => operand([k, k + 1], sizes, rand));
      expectMatchesOracle(ops, [0, n], sizes);
      expectMatchesOracle(ops, [], sizes);
    }
  });

  it("keeps no plain array of its own where the kernels' memory is shared", () => {
    const rand = mulberry32(6);
    const sizes = new Map([
      [0, 20],
      [1, 15],
    ]);
    givenBack.plain = 0;
    // a last step that needs rearranging, a repeated and a broadcast output label
    const ops = [operand([0, 1], sizes, rand), operand([0], sizes, rand)];
    for (const output of [
      [1, 0],
      [0, 0, 1],
      [0, 1],
    ])
      expectMatchesOracle(ops, output, sizes);
    expect(givenBack.plain).toBe(0);
  });

  it("lays a large last step out in the output's order, from the kernels' memory", () => {
    const rand = mulberry32(9);
    const sizes = new Map([
      [0, 60],
      [1, 30],
      [2, 80],
    ]);
    givenBack.plain = 0;
    // the last product comes out as [0, 2] (4800 entries); the output wants it transposed, or
    // with a repeated label (written onto a diagonal), or broadcast along a label of no operand
    const ops = [operand([0, 1], sizes, rand), operand([1, 2], sizes, rand)];
    for (const output of [
      [2, 0],
      [2, 0, 2],
      [2, 1, 0],
    ])
      expectMatchesOracle(ops, output, sizes);
    expect(givenBack.plain).toBe(0);
  });

  it("with operands in the kernels' memory, through its SIMD loops", () => {
    const rand = mulberry32(5);
    const sizes = new Map([
      [0, 37],
      [1, 29],
      [2, 33],
      [3, 2],
    ]);
    const inMemory = (labels: number[]): Operand => {
      const { tensor, labels: ls } = operand(labels, sizes, rand);
      const data = allocate(tensor.data.length) as Float64Array;
      data.set(tensor.data);
      return { tensor: { shape: tensor.shape, data }, labels: ls };
    };
    const networks: [number[][], number[]][] = [
      [[[0, 1], [1]], [0]], // dot products along rows
      [[[0, 1], [0]], [1]], // axpys along rows
      [[[0], [0, 1], [1, 2], [2]], []], // a quadratic form
      [
        [
          [0, 1],
          [0, 1],
          [0, 1],
          [1, 2],
        ],
        [0, 2],
      ], // Hadamard products, then a product
      [
        [[0, 1], [1], [0]],
        [0, 1],
      ], // scalings along either axis
      [
        [
          [3, 0, 1],
          [3, 1],
        ],
        [3, 0],
      ], // batched matrix–vector products
      // thin products: two columns, or two rows
      [
        [
          [0, 1],
          [1, 3],
        ],
        [0, 3],
      ],
      [
        [
          [1, 0],
          [1, 3],
        ],
        [3, 0],
      ],
      [
        [
          [3, 1],
          [1, 0],
        ],
        [3, 0],
      ],
    ];
    for (const [labels, output] of networks) {
      const ops = labels.map(inMemory);
      const got = contract(ops, output, sizes);
      expect(address(got.data)).toBe(-1); // the result is the caller's, in plain memory
      expectMatchesOracle(ops, output, sizes);
      for (const op of ops) release(op.tensor.data);
    }
  });

  it("on batched products and disconnected operands", () => {
    const rand = mulberry32(4);
    const sizes = new Map([
      [0, 3],
      [1, 4],
      [2, 2],
      [3, 5],
      [4, 2],
      [5, 3],
    ]);
    const batched = [operand([0, 1, 2], sizes, rand), operand([0, 2, 3], sizes, rand)];
    expectMatchesOracle(batched, [0, 1, 3], sizes);
    expectMatchesOracle(batched, [3, 0], sizes);
    const apart = [
      operand([0, 1], sizes, rand),
      operand([2, 3], sizes, rand),
      operand([4], sizes, rand),
    ];
    expectMatchesOracle(apart, [3, 0], sizes);
    expectMatchesOracle(apart, [], sizes);
    expectMatchesOracle(
      [...apart, operand([], sizes, rand), operand([5, 5], sizes, rand)],
      [1],
      sizes,
    );
  });
});

describe("a compiled contraction", () => {
  it("gives the oracle's answer on every set of data it is run on", () => {
    const rand = mulberry32(11);
    for (let trial = 0; trial < 40; trial++) {
      const p = randomProblem(rand, {
        ...base,
        operands: [1, 6],
        repeatChance: 0.3,
        extraOutput: 1,
      });
      const shaped = p.operands.map((op) => ({ labels: op.labels, shape: op.tensor.shape }));
      const compiled = compileContraction(shaped, p.output, p.sizes);
      for (let run = 0; run < 3; run++) {
        const ops = p.operands.map((op) => operand([...op.labels], p.sizes, rand));
        const got = compiled.run(ops.map((op) => op.tensor.data));
        const want = naiveEinsum(ops, p.output, p.sizes);
        expect(got.shape).toEqual(want.shape);
        for (let k = 0; k < want.value.length; k++) {
          const err = Math.abs(got.data[k] - want.value[k]);
          expect(err).toBeLessThanOrEqual(1e-12 * Math.max(want.scale[k], Number.MIN_VALUE));
        }
      }
    }
  });

  it("writes into an output array when given one, every entry of it, run after run", () => {
    const rand = mulberry32(12);
    for (let trial = 0; trial < 40; trial++) {
      // repeated and extra output labels: the final layout (a diagonal, a broadcast) writes `out`
      const p = randomProblem(rand, { ...base, operands: [1, 6], extraOutput: 2 });
      const shaped = p.operands.map((op) => ({ labels: op.labels, shape: op.tensor.shape }));
      const compiled = compileContraction(shaped, p.output, p.sizes);
      const out = new Float64Array(naiveEinsum(p.operands, p.output, p.sizes).value.length);
      for (let run = 0; run < 2; run++) {
        out.fill(Number.NaN);
        const ops = p.operands.map((op) => operand([...op.labels], p.sizes, rand));
        const got = compiled.run(
          ops.map((op) => op.tensor.data),
          out,
        );
        expect(got.data).toBe(out);
        const want = naiveEinsum(ops, p.output, p.sizes);
        for (let k = 0; k < want.value.length; k++) {
          const err = Math.abs(out[k] - want.value[k]);
          expect(err).toBeLessThanOrEqual(1e-12 * Math.max(want.scale[k], Number.MIN_VALUE));
        }
      }
    }
  });

  it("writes a large product straight into an output in the kernels' memory", () => {
    const rand = mulberry32(13);
    const s = new Map([
      [0, 64],
      [1, 48],
      [2, 40],
    ]);
    const ops = [operand([0, 1], s, rand), operand([1, 2], s, rand)];
    const shaped = ops.map((op) => ({ labels: op.labels, shape: op.tensor.shape }));
    // in the output's order (whole tiles: the kernel's own store) and transposed (a layout step)
    for (const output of [
      [0, 2],
      [2, 0],
    ]) {
      const out = allocate(64 * 40);
      if (out === null) continue; // no shared memory here: the plain case is tested above
      out.fill(Number.NaN);
      const got = compileContraction(shaped, output, s).run(
        ops.map((op) => op.tensor.data),
        out,
      );
      expect(got.data).toBe(out);
      const want = naiveEinsum(ops, output, s);
      for (let k = 0; k < want.value.length; k++) {
        expect(Math.abs(out[k] - want.value[k])).toBeLessThanOrEqual(1e-12 * want.scale[k]);
      }
      release(out);
    }
  });

  it("says when an output array has the wrong size or overlaps an operand", () => {
    const s = new Map([
      [0, 2],
      [1, 3],
    ]);
    const compiled = compileContraction(
      [
        { labels: [0, 1], shape: [2, 3] },
        { labels: [1], shape: [3] },
      ],
      [0],
      s,
    );
    const a = new Float64Array(6);
    const v = new Float64Array(3);
    expect(() => compiled.run([a, v], new Float64Array(3))).toThrow(
      /the output has 3 entries for shape \[2\]/,
    );
    expect(() => compiled.run([a, v], a.subarray(4))).toThrow(/output array overlaps operand 0/);
    expect(() => compiled.run([a, v], v.subarray(1))).toThrow(/output array overlaps operand 1/);
    // beside the operands in the same buffer is fine
    const all = Float64Array.of(1, 2, 3, 4, 5, 6, 1, 10, 100, Number.NaN, Number.NaN);
    const out = all.subarray(9);
    compiled.run([all.subarray(0, 6), all.subarray(6, 9)], out);
    expect([...out]).toEqual([321, 654]);
  });

  it("says which array does not fit the shapes it was compiled for", () => {
    const s = new Map([
      [0, 2],
      [1, 3],
    ]);
    const compiled = compileContraction([{ labels: [0, 1], shape: [2, 3] }], [0], s);
    expect(() => compiled.run([new Float64Array(5)])).toThrow(
      /operand 0 has 5 entries for shape \[2,3\]/,
    );
    expect(() => compiled.run([])).toThrow(/0 arrays for 1 operands/);
    const pair = [
      { labels: [0, 1], shape: [2, 3] },
      { labels: [1], shape: [3] },
    ];
    expect(() => compileContraction(pair, [0], s, { path: [] })).toThrow(/leaves 2 operands/);
  });
});

describe("contract on the special cases", () => {
  const v = { shape: [3], data: Float64Array.of(1, 2, 3) };
  const sizes = new Map([
    [0, 3],
    [1, 2],
  ]);

  it("writes a vector onto the diagonal for output [a, a]", () => {
    expect([...contract([{ tensor: v, labels: [0] }], [0, 0], new Map([[0, 3]])).data]).toEqual([
      1, 0, 0, 0, 2, 0, 0, 0, 3,
    ]);
  });

  it("builds identities and ones from no operands at all", () => {
    expect([...contract([], [1, 1], new Map([[1, 2]])).data]).toEqual([1, 0, 0, 1]);
    expect(contract([], [0, 1], sizes)).toEqual({
      shape: [3, 2],
      data: new Float64Array(6).fill(1),
    });
    expect(contract([], [], new Map())).toEqual({ shape: [], data: Float64Array.of(1) });
  });

  it("multiplies by the size of a label that no operand and not the output has", () => {
    expect([...contract([], [], sizes).data]).toEqual([6]);
    expect([...contract([{ tensor: v, labels: [0] }], [0], sizes).data]).toEqual([2, 4, 6]);
  });

  it("takes a trace and sums a vector", () => {
    const m = { shape: [2, 2], data: Float64Array.of(1, 2, 3, 4) };
    expect([...contract([{ tensor: m, labels: [1, 1] }], [], new Map([[1, 2]])).data]).toEqual([5]);
    expect([...contract([{ tensor: v, labels: [0] }], [], new Map([[0, 3]])).data]).toEqual([6]);
  });

  it("returns fresh data even when nothing needs computing", () => {
    const out = contract([{ tensor: v, labels: [0] }], [0], new Map([[0, 3]]));
    expect(out.data).not.toBe(v.data);
  });

  it("handles labels of size 0", () => {
    const e = { shape: [0], data: new Float64Array(0) };
    const z = new Map([
      [0, 0],
      [1, 2],
    ]);
    expect(contract([{ tensor: e, labels: [0] }], [], z).data).toEqual(Float64Array.of(0));
    expect(contract([{ tensor: e, labels: [0] }], [1, 0], z).shape).toEqual([2, 0]);
  });

  it("throws when a shape does not match the sizes", () => {
    expect(() => contract([{ tensor: v, labels: [1] }], [], sizes)).toThrow(
      /operand 0 has shape \[3\]/,
    );
    expect(() => contract([{ tensor: v, labels: [0, 1] }], [], sizes)).toThrow(Error);
    expect(() => contract([], [7], sizes)).toThrow(/label 7 has no size/);
  });

  it("multiplies large matrices through the blocked kernel", () => {
    const rand = mulberry32(5);
    const [m, k, n] = [37, 300, 701];
    const s = new Map([
      [0, m],
      [1, k],
      [2, n],
    ]);
    const a = operand([0, 1], s, rand);
    const b = operand([1, 2], s, rand);
    const c = contract([a, b], [0, 2], s);
    for (let i = 0; i < m; i += 6) {
      for (let j = 0; j < n; j += 97) {
        let want = 0;
        for (let p = 0; p < k; p++) want += a.tensor.data[i * k + p] * b.tensor.data[p * n + j];
        expect(c.data[i * n + j]).toBeCloseTo(want, 10);
      }
    }
  });

  it("never hands out an earlier result again when intermediates are recycled", () => {
    const rand = mulberry32(6);
    const s = new Map([
      [0, 30],
      [1, 40],
      [2, 50],
      [3, 20],
    ]);
    const labels = [
      [0, 1],
      [1, 2],
      [2, 3],
    ];
    const results: Tensor[] = [];
    const inputs: Operand[][] = [];
    for (let r = 0; r < 4; r++) {
      const ops = labels.map((ls) => operand(ls, s, rand));
      inputs.push(ops);
      results.push(contract(ops, [0, 3], s));
    }
    // every result still holds its own inputs' product, computed afresh by the oracle
    for (let r = 0; r < 4; r++) {
      const want = naiveEinsum(inputs[r], [0, 3], s);
      for (let x = 0; x < want.value.length; x++) {
        expect(Math.abs(results[r].data[x] - want.value[x])).toBeLessThanOrEqual(
          1e-12 * want.scale[x],
        );
      }
    }
    expect(new Set(results.map((t) => t.data)).size).toBe(4);
  });
});
