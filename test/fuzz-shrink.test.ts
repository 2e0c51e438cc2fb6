/**
 * The campaign's shrinker (scripts/fuzz/shrink.mjs) on a made-up failure: "the source contains
 * exp(eye(2)) and the variable x". It must keep failing that way at every step and end with only
 * what the failure needs.
 */
import { expect, test } from "vitest";
import { binary, call, node, num, size, toSource, v } from "../scripts/fuzz/nodes.mjs";
import { shrink } from "../scripts/fuzz/shrink.mjs";

const M = [2, 2];
const eye = node("eye", M, [], { n: 2 });
// tanh((A @ (x + exp(eye(2)))) * 2) + sum(B, 0) broadcast: 11 nodes around the culprit
const tree = binary(
  "+",
  M,
  call(
    "tanh",
    M,
    binary(
      "*",
      M,
      binary("@", M, v("A", M), binary("+", M, v("x", M), call("exp", M, eye))),
      num("2"),
    ),
  ),
  node("sumAxis", [2], [v("B", M)], { axis: 0 }),
);
const variables = new Map(
  ["A", "x", "B"].map((n) => [n, { shape: M, positive: false, dominant: false }]),
);
const start = { seed: 1, tree, variables, style: "symbols", wrt: "x", order: 3 };

test("a failing case shrinks to the part that fails, at order 1, declared with numbers", async () => {
  const seen: string[] = [];
  const fails = async (c: typeof start) => {
    const source = toSource(c.tree);
    seen.push(source);
    return source.includes("exp(eye(2))") && source.includes("x");
  };
  const { shrunk } = await shrink(start, fails);
  expect(toSource(shrunk.tree)).toBe("(x + exp(eye(2)))");
  expect(size(shrunk.tree)).toBeLessThan(size(tree));
  expect([shrunk.order, shrunk.style, [...shrunk.variables.keys()]]).toEqual([1, "numbers", ["x"]]);
  expect(seen.length).toBeGreaterThan(3);
});
