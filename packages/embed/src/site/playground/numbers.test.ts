import { describe, expect, test } from "vitest";
import { formatNumber, formatTensor } from "./numbers.js";

const t = (shape: number[], data: number[]) => ({ shape, data: Float64Array.from(data) });

describe("numbers on the playground page", () => {
  test("entries to a few significant digits", () => {
    expect(formatNumber(0.123456)).toBe("0.1235");
    expect(formatNumber(-1.5e-7)).toBe("-1.5e-7");
    expect(formatNumber(2.5e9)).toBe("2.5e9");
    expect(formatNumber(42)).toBe("42");
    expect([formatNumber(Number.NaN), formatNumber(-Infinity)]).toEqual(["nan", "-inf"]);
  });

  test("tensors as nested rows, right-aligned", () => {
    expect(formatTensor(t([], [3.5]))).toBe("3.5");
    expect(formatTensor(t([3], [1, -2, 30]))).toBe("[ 1, -2, 30]");
    expect(formatTensor(t([2, 2], [15, 0, 0, 24]))).toBe("[[15,  0],\n [ 0, 24]]");
    expect(formatTensor(t([2, 1, 2], [1, 2, 3, 4]))).toBe("[[[1, 2]],\n\n [[3, 4]]]");
  });

  test("a large tensor shows its shape and its first entries only", () => {
    const big = formatTensor(
      t(
        [10, 10],
        Array.from({ length: 100 }, (_, k) => k),
      ),
      25,
    );
    expect(big.startsWith("10 × 10 array, first entries:\n")).toBe(true);
    expect(big).toContain("[20, 21, 22, 23, 24, …]");
    expect(big).not.toContain("25");
  });
});
