import { describe, expect, it } from "vitest";
import { mulberry32 } from "../plan/random.js";
import { multiplyViews } from "./elementwise.js";

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
});
