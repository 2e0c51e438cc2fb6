import { describe, expect, test } from "vitest";
import { one } from "./coefficient.js";
import { fuseCopies } from "./copies.js";
import { addNode, connect, emptyGraph } from "./graph.js";

describe("spider fusion", () => {
  test("adjacent copy tensors merge into one of the combined order", () => {
    const g = emptyGraph();
    const [a, b] = [addNode(g, { kind: "copy", dim: "n" }), addNode(g, { kind: "copy", dim: "n" })];
    connect(g, a, 0, b, 0, "n");
    for (let axis = 0; axis < 4; axis++) {
      connect(g, axis < 2 ? a : b, 0, addNode(g, { kind: "free", axis }), 0, "n");
    }
    const { graph } = fuseCopies({ coeff: one, graph: g });
    expect(
      graph.filterNodes((_n, attrs) => attrs.kind === "copy").map((n) => graph.degree(n)),
    ).toEqual([4]);
  });

  test("a copy tensor of order 2 becomes a wire", () => {
    const g = emptyGraph();
    const x = addNode(g, { kind: "tensor", name: "x", rank: 1 });
    const c = addNode(g, { kind: "copy", dim: "n" });
    connect(g, x, 0, c, 0, "n");
    connect(g, c, 0, addNode(g, { kind: "free", axis: 0 }), 0, "n");
    const { graph } = fuseCopies({ coeff: one, graph: g });
    expect(graph.order).toBe(2);
    expect(graph.size).toBe(1);
  });

  test("a closed loop contributes its dimension to the coefficient", () => {
    const g = emptyGraph();
    const c = addNode(g, { kind: "copy", dim: "n" });
    connect(g, c, 0, c, 1, "n");
    const term = fuseCopies({ coeff: one, graph: g });
    expect(term.graph.order).toBe(0);
    expect(term.coeff).toEqual({ value: 1, dims: { n: 1 } });
  });

  test("its input is left as it was", () => {
    const g = emptyGraph();
    const c = addNode(g, { kind: "copy", dim: 3 });
    connect(g, c, 0, c, 1, 3);
    const term = { coeff: one, graph: g };
    expect(fuseCopies(term).coeff.value).toBe(3);
    expect(g.order).toBe(1);
  });
});
