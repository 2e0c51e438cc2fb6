import { describe, expect, test } from "vitest";
import { constant } from "./combine.js";
import { einsum } from "./einsum.js";
import { variable } from "./primitives.js";
import type { Network, NodeAttrs } from "./types.js";

/** The kinds of a term's nodes with their degrees, sorted: e.g. ["copy/3", "free/1", …]. */
function census(net: Network, term = 0): string[] {
  const g = net.terms[term].graph;
  return g
    .mapNodes((n, a: NodeAttrs) => `${a.kind === "tensor" ? a.name : a.kind}/${g.degree(n)}`)
    .sort();
}

describe("einsum over networks", () => {
  const W = variable("W", ["p", "m"]);
  const x = variable("x", ["m"]);
  const y = variable("y", ["m"]);

  test("a label on two axes is a plain wire: W @ x has no copy tensor", () => {
    const net = einsum(
      [
        { net: W, labels: ["i", "j"] },
        { net: x, labels: ["j"] },
      ],
      ["i"],
    );
    expect(net.shape).toEqual(["p"]);
    expect(census(net)).toEqual(["W/2", "free/1", "x/1"]);
  });

  test("a label on three wires is a copy tensor of order 3: the Hadamard product", () => {
    const net = einsum(
      [
        { net: x, labels: ["i"] },
        { net: y, labels: ["i"] },
      ],
      ["i"],
    );
    expect(census(net)).toEqual(["copy/3", "free/1", "x/1", "y/1"]);
  });

  test("a label only in the output broadcasts with the ones vector", () => {
    const net = einsum([{ net: x, labels: ["i"] }], ["k", "i"], { k: "n" });
    expect(net.shape).toEqual(["n", "m"]);
    expect(census(net)).toEqual(["copy/1", "free/1", "free/1", "x/1"]);
  });

  test("a label on one axis only is summed by the ones vector", () => {
    expect(census(einsum([{ net: x, labels: ["i"] }], []))).toEqual(["copy/1", "x/1"]);
  });

  test("the identity is a wire between two free indices, and its trace is its dimension", () => {
    const eye = einsum([], ["a", "a"], { a: "n" });
    expect(census(eye)).toEqual(["free/1", "free/1"]);
    const trace = einsum([{ net: eye, labels: ["b", "b"] }], []);
    expect(trace.terms[0].graph.order).toBe(0);
    expect(trace.terms[0].coeff).toEqual({ value: 1, dims: { n: 1 } });
  });

  test("a sum alone distributes; a sum times a factor stays one group node; coefficients multiply", () => {
    const twoX = { shape: x.shape, terms: [...x.terms, ...x.terms] };
    const alone = einsum([{ net: twoX, labels: ["i"] }], ["i"]);
    expect(alone.terms).toHaveLength(2);
    const net = einsum(
      [
        { net: twoX, labels: ["i"] },
        { net: constant(3), labels: [] },
      ],
      ["i"],
    );
    expect(net.terms.map((t) => t.coeff.value)).toEqual([3]);
    const boxes = net.terms[0].graph.filterNodes((_n, a) => a.kind === "box");
    expect(boxes.map((n) => net.terms[0].graph.getNodeAttributes(n))).toMatchObject([
      { kind: "box", fn: "group", inner: twoX },
    ]);
  });
});
