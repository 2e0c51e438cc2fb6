import { describe, expect, test } from "vitest";
import { prepare } from "../api.js";
import { random } from "../check.js";
import { addNode, connect, emptyGraph } from "../network/graph.js";
import type { TermGraph } from "../network/types.js";
import { graphKey, networkKey } from "./canonical.js";

const network = (source: string) => prepare({ source }).network;

/** The same graph with its nodes and edges inserted in a shuffled order. */
function shuffled(g: TermGraph, seed: number): TermGraph {
  const next = random(seed);
  const order = g.nodes().sort(() => next() - 0.5);
  const h = emptyGraph();
  const keys = new Map(order.map((n) => [n, addNode(h, { ...g.getNodeAttributes(n) })]));
  const edges = g.edges().sort(() => next() - 0.5);
  for (const e of edges) {
    const a = g.getEdgeAttributes(e);
    connect(
      h,
      keys.get(g.source(e)) as string,
      a.sourcePort,
      keys.get(g.target(e)) as string,
      a.targetPort,
      a.dim,
    );
  }
  return h;
}

describe("canonical forms", () => {
  test.each([
    "W @ (A * B)",
    "x * x * x",
    "tr(A @ A @ A @ A)",
    "outer(x, x) * outer(y, y)",
    "kron(A, A) @ vec(A)",
  ])("do not depend on the order nodes were added in: %s", (source) => {
    const g = network(source).terms[0].graph;
    for (let seed = 1; seed <= 5; seed++) expect(graphKey(shuffled(g, seed))).toBe(graphKey(g));
  });

  test("tell a matrix from its transpose", () => {
    expect(networkKey(network("A: [n, n]; A"))).not.toBe(networkKey(network("A: [n, n]; A'")));
  });

  test("tell A @ B from B @ A", () => {
    expect(networkKey(network("A, B: [n, n]; A @ B"))).not.toBe(
      networkKey(network("A, B: [n, n]; B @ A")),
    );
  });

  test("see that tr(A @ B) and tr(B @ A) are the same network", () => {
    expect(networkKey(network("A, B: [n, n]; tr(A @ B)"))).toBe(
      networkKey(network("A, B: [n, n]; tr(B @ A)")),
    );
  });

  test("see that x ∘ y and y ∘ x are the same network", () => {
    expect(networkKey(network("x * y"))).toBe(networkKey(network("y * x")));
  });
});
