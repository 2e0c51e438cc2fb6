/**
 * The reference interpreter against values known independently of it and of diagrad: small cases
 * worked out by hand, and the acceptance cases, whose values NumPy computed.
 */
import { describe, expect, test } from "vitest";
import { acceptanceCases as cases } from "./cases.js";
import { relativeError } from "./compare.js";
import { fromNestedArray, interpret, type Nested, toNestedArray } from "./interpreter.js";

const values = (v: Record<string, Nested>) =>
  Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fromNestedArray(x)]));
const run = (source: string, v: Record<string, Nested> = {}) =>
  toNestedArray(interpret(source, values(v)));

const A = [
  [1, 2],
  [3, 4],
];
const B = [
  [0, 5],
  [6, 7],
];
const M23 = [
  [1, 2, 3],
  [4, 5, 6],
];

describe("the reference interpreter, by hand", () => {
  test("kron of 2×2 matrices, in NumPy's block layout (function and operator)", () => {
    const expected = [
      [0, 5, 0, 10],
      [6, 7, 12, 14],
      [0, 15, 0, 20],
      [18, 21, 24, 28],
    ];
    expect(run("kron(A, B)", { A, B })).toEqual(expected);
    expect(run("A ⊗ B", { A, B })).toEqual(expected);
    expect(run("kron(x, A)", { x: [1, 2], A })).toEqual([
      [1, 2, 2, 4],
      [3, 4, 6, 8],
    ]);
    expect(run("kron(x, y)", { x: [1, 2], y: [3, 4, 5] })).toEqual([3, 4, 5, 6, 8, 10]);
  });

  test("vec is column-major and unvec inverts it", () => {
    expect(run("vec(M)", { M: M23 })).toEqual([1, 4, 2, 5, 3, 6]);
    expect(run("unvec(v, 2, 3)", { v: [1, 4, 2, 5, 3, 6] })).toEqual(M23);
    expect(run("unvec(vec(M), 3, 2)", { M: M23 })).toEqual([
      [1, 5],
      [4, 3],
      [2, 6],
    ]);
  });

  test("diag both ways, outer, eye, tr, transpose", () => {
    expect(run("diag(x)", { x: [1, 2] })).toEqual([
      [1, 0],
      [0, 2],
    ]);
    expect(run("diag(A)", { A })).toEqual([1, 4]);
    expect(run("outer(x, y)", { x: [1, 2], y: [3, 4, 5] })).toEqual([
      [3, 4, 5],
      [6, 8, 10],
    ]);
    expect(run("eye(2) * 3")).toEqual([
      [3, 0],
      [0, 3],
    ]);
    expect(run("tr(A)", { A })).toBe(5);
    expect(run("M.T", { M: M23 })).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    expect(run("M'", { M: M23 })).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    expect(run("x'", { x: [1, 2] })).toEqual([1, 2]);
  });

  test("det, logdet and inverse of 2×2 and 3×3 matrices", () => {
    expect(run("det(A)", { A })).toBeCloseTo(-2, 14);
    expect(run("logdet(A)", { A })).toBeCloseTo(Math.log(2), 14);
    const inv = run("inv(A)", { A }) as number[][];
    expect(
      relativeError(inv, [
        [-2, 1],
        [1.5, -0.5],
      ]),
    ).toBeLessThan(1e-15);
    // Needs a row swap: the first pivot is 0.
    const P = [
      [0, 1, 2],
      [1, 0, 3],
      [4, -3, 8],
    ];
    expect(run("det(P)", { P })).toBeCloseTo(-2, 13);
    expect(
      relativeError(run("inv(P)", { P }), [
        [-4.5, 7, -1.5],
        [-2, 4, -1],
        [1.5, -2, 0.5],
      ]),
    ).toBeLessThan(1e-14);
    expect(
      relativeError(run("P @ inv(P)", { P }), [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ]),
    ).toBeLessThan(1e-14);
  });

  test("broadcasting [2,3] + [3], scalar + matrix, [2,1] * [3]", () => {
    expect(run("M + b", { M: M23, b: [10, 20, 30] })).toEqual([
      [11, 22, 33],
      [14, 25, 36],
    ]);
    expect(run("1 - M", { M: M23 })).toEqual([
      [0, -1, -2],
      [-3, -4, -5],
    ]);
    expect(run("c * b", { c: [[1], [2]], b: [1, 2, 3] })).toEqual([
      [1, 2, 3],
      [2, 4, 6],
    ]);
    expect(() => run("M + b", { M: M23, b: [1, 2] })).toThrow(/broadcast/);
  });

  test("@ with NumPy's 1-D rules", () => {
    expect(run("x @ M", { x: [1, -1], M: M23 })).toEqual([-3, -3, -3]);
    expect(run("M @ y", { y: [1, 0, 2], M: M23 })).toEqual([7, 16]);
    expect(run("y @ y", { y: [1, 0, 2] })).toBe(5);
    expect(run("A @ B", { A, B })).toEqual([
      [12, 19],
      [24, 43],
    ]);
    expect(() => run("M @ M", { M: M23 })).toThrow();
  });

  test("sums, mean, norm, powers, elementwise functions", () => {
    expect(run("sum(M)", { M: M23 })).toBe(21);
    expect(run("sum(M, 0)", { M: M23 })).toEqual([5, 7, 9]);
    expect(run("sum(M, -1)", { M: M23 })).toEqual([6, 15]);
    expect(run("mean(M)", { M: M23 })).toBe(3.5);
    expect(run("norm(x)", { x: [3, 4] })).toBe(5);
    expect(run("x ** 2 + x ** -1", { x: [1, 2] })).toEqual([2, 4.5]);
    expect(run("relu(x) + abs(x)", { x: [-1, 2] })).toEqual([1, 4]);
    expect(run("sigmoid(0) + softplus(0)")).toBeCloseTo(0.5 + Math.log(2), 15);
    expect(run("-exp(log(2))")).toBeCloseTo(-2, 15);
  });

  test("softmax rows sum to 1 and logsumexp drops the last axis", () => {
    const S = run("softmax(M)", { M: M23 }) as number[][];
    for (const row of S) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 15);
    expect(S[0][2] / S[0][1]).toBeCloseTo(Math.E, 13);
    const l = run("logsumexp(M)", { M: M23 }) as number[];
    expect(l).toHaveLength(2);
    expect(l[1]).toBeCloseTo(Math.log(Math.exp(4) + Math.exp(5) + Math.exp(6)), 13);
  });

  test("einsum: explicit, implicit and repeated indices", () => {
    expect(run("einsum('ii', A)", { A })).toBe(5);
    expect(run("einsum('ii->i', A)", { A })).toEqual([1, 4]);
    expect(run('einsum("ij,jk->ik", A, B)', { A, B })).toEqual([
      [12, 19],
      [24, 43],
    ]);
    expect(run("einsum('ij,jk', A, B)", { A, B })).toEqual([
      [12, 19],
      [24, 43],
    ]);
    expect(run("einsum('ji', A)", { A })).toEqual([
      [1, 3],
      [2, 4],
    ]); // implicit output is sorted: ij
    expect(run("einsum('ij->', A)", { A })).toBe(10);
    expect(run("einsum('i,j->ji', x, y)", { x: [1, 2], y: [3, 4, 5] })).toEqual([
      [3, 6],
      [4, 8],
      [5, 10],
    ]);
  });

  test("unsupported input is an Error", () => {
    expect(() => run("x ** y", { x: [1], y: [2] })).toThrow();
    expect(() => run("frob(x)", { x: [1] })).toThrow();
    expect(() => run("x", {})).toThrow();
  });
});

describe("the reference interpreter reproduces NumPy's values of the acceptance cases", () => {
  test.each(cases.map((c) => [c.id, c] as const))("%s", (_, c) => {
    const actual = run(c.expr, c.inputs);
    expect(relativeError(actual, c.value), `${c.expr}: ${JSON.stringify(actual)}`).toBeLessThan(
      1e-9,
    );
  });
});
