import { describe, expect, it } from "vitest";
import { mulberry32 } from "../plan/random.js";
import { multiplyViews } from "./elementwise.js";
import { allocate, release } from "./heap.js";

describe("multiplyViews", () => {
  it("multiplies transposed, broadcast and contiguous views entry by entry", () => {
    const rand = mulberry32(5);
    const a = Float64Array.from({ length: 24 }, () => 2 * rand() - 1);
    const b = Float64Array.from({ length: 24 }, () => 2 * rand() - 1);
    const shape = [2, 3, 4];
    // a read row-major, transposed and broadcast; b the same, and both fully contiguous
    const views: [number[], number[]][] = [
      [
        [12, 4, 1],
        [12, 4, 1],
      ],
      [
        [12, 4, 1],
        [1, 2, 6],
      ],
      [
        [0, 4, 1],
        [12, 0, 3],
      ],
      [
        [12, 4, 1],
        [0, 0, 0],
      ],
    ];
    for (const [sa, sb] of views) {
      const out = multiplyViews(shape, a, sa, b, sb, new Float64Array(24));
      for (let i = 0; i < 2; i++) {
        for (let j = 0; j < 3; j++) {
          for (let k = 0; k < 4; k++) {
            const at = (s: number[]) => i * s[0] + j * s[1] + k * s[2];
            expect(out[(i * 3 + j) * 4 + k]).toBe(a[at(sa)] * b[at(sb)]);
          }
        }
      }
    }
  });

  it("writes nothing for an empty shape and one entry for a scalar", () => {
    const out = Float64Array.of(7, 7);
    multiplyViews([2, 0], Float64Array.of(1), [0, 0], Float64Array.of(2), [0, 0], out);
    expect([...out]).toEqual([7, 7]);
    multiplyViews([], Float64Array.of(3), [], Float64Array.of(4), [], out);
    expect([...out]).toEqual([12, 7]);
  });

  it("runs on the SIMD loops for operands in the kernels' memory, into any result", () => {
    const rand = mulberry32(6);
    const [rows, cols] = [90, 70]; // more than 4096 entries: a plain result goes through scratch
    const plain = Float64Array.from({ length: rows * cols }, () => 2 * rand() - 1);
    const vector = Float64Array.from({ length: cols }, () => 2 * rand() - 1);
    const [a, v] = [plain, vector].map((x) => {
      const y = allocate(x.length) as Float64Array;
      y.set(x);
      return y;
    });
    const want = multiplyViews(
      [rows, cols],
      plain,
      [cols, 1],
      vector,
      [0, 1],
      new Float64Array(rows * cols),
    );
    const resident = allocate(rows * cols) as Float64Array;
    for (const out of [new Float64Array(rows * cols), resident]) {
      multiplyViews([rows, cols], a, [cols, 1], v, [0, 1], out); // a row scaled entry by entry
      expect([...out]).toEqual([...want]);
      multiplyViews([rows, cols], a, [cols, 1], a, [cols, 1], out); // a Hadamard square
      expect([...out]).toEqual(Array.from(plain, (x) => x * x));
    }
    // the plain vector beside the matrix in the kernels' memory, either way round
    multiplyViews([rows, cols], a, [cols, 1], vector, [0, 1], resident);
    expect([...resident]).toEqual([...want]);
    multiplyViews([rows, cols], vector, [0, 1], a, [cols, 1], resident);
    expect([...resident]).toEqual([...want]);
    for (const x of [a, v, resident]) release(x);
  });
});
