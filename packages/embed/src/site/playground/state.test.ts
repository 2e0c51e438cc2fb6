import { describe, expect, test } from "vitest";
import { defaultState, parseHash, stateHash } from "./state.js";

describe("the playground's state in the URL fragment", () => {
  test("is written readably: + for spaces, @ as it is, a literal + escaped", () => {
    expect(stateHash({ expr: "x @ A @ x", wrt: "x", order: 2 })).toBe(
      "#expr=x+@+A+@+x&wrt=x&order=2",
    );
    expect(stateHash({ expr: "a + b", wrt: "a", order: 1 })).toBe("#expr=a+%2B+b&wrt=a&order=1");
    expect(stateHash({ expr: "A: [m, n]; x&y=1", wrt: "A", order: 1 })).toBe(
      "#expr=A:+%5Bm,+n%5D;+x%26y%3D1&wrt=A&order=1",
    );
  });

  test("reads back what it wrote, Unicode operators included", () => {
    for (const state of [
      { expr: "x ∘ y ⊗ z", wrt: "y", order: 1 },
      { expr: "A, B: [m, n]; W: [p, m]; W @ (A * B)", wrt: "A", order: 3 },
      { expr: "norm(x - 1e-3)**2 + 100%", wrt: "x", order: 2 },
    ])
      expect(parseHash(stateHash(state))).toEqual(state);
  });

  test("forgives: missing keys, a stray %, an anchor, an empty fragment", () => {
    expect(parseHash("#expr=x+*+y&wrt=y")).toEqual({ expr: "x * y", wrt: "y", order: 1 });
    expect(parseHash("expr=x")).toEqual({ expr: "x", wrt: "", order: 1 });
    expect(parseHash("#expr=100%+x&wrt=x&order=2")).toEqual({ expr: "100% x", wrt: "x", order: 2 });
    expect(parseHash("#gallery")).toEqual(defaultState);
    expect(parseHash("")).toEqual(defaultState);
    expect(parseHash("#expr=x&order=two").order).toBeNaN(); // the worker says what is wrong
  });
});
