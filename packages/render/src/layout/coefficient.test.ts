import { describe, expect, test } from "vitest";
import { magnitudeText, termPrefix } from "./coefficient.js";

describe("termPrefix", () => {
  test("a plain first term has no prefix; later ones a plus", () => {
    expect(termPrefix({ value: 1, dims: {} }, 0)).toEqual({ sign: "", magnitude: "" });
    expect(termPrefix({ value: 1, dims: {} }, 2)).toEqual({ sign: "+", magnitude: "" });
  });
  test("negative terms show a typographic minus and their magnitude", () => {
    expect(termPrefix({ value: -2, dims: {} }, 0)).toEqual({ sign: "−", magnitude: "2" });
    expect(termPrefix({ value: -0.5, dims: { n: 1 } }, 1)).toEqual({
      sign: "−",
      magnitude: "0.5 n",
    });
  });
  test("symbolic dimensions read as the core prints them", () => {
    expect(magnitudeText({ value: 1, dims: { m: -1, n: -1 } })).toBe("1/(m·n)");
    expect(magnitudeText({ value: 3, dims: { n: 2 } })).toBe("3 n^2");
  });
});
