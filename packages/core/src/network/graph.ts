/**
 * Building blocks for term graphs: adding nodes and wires, finding free nodes, copying one graph
 * into another. Node keys are `n0, n1, …` from a counter kept in the graph's attributes, so copies
 * stay deterministic.
 *
 * These helpers mutate the graph they are given; callers only ever hand them a graph they just
 * made (a fresh `emptyGraph()` or a `.copy()`), so the graphs seen from outside never change.
 */
import { MultiUndirectedGraph } from "graphology";
import type { Dim, NodeAttrs, TermGraph } from "./types.js";

export function emptyGraph(): TermGraph {
  const g: TermGraph = new MultiUndirectedGraph({ allowSelfLoops: true });
  g.replaceAttributes({ next: 0 });
  return g;
}

/** Adds a node and returns its key. */
export function addNode(g: TermGraph, attrs: NodeAttrs): string {
  const next = g.getAttribute("next");
  g.setAttribute("next", next + 1);
  const key = `n${next}`;
  g.addNode(key, attrs);
  return key;
}

/** Joins port `pa` of `a` to port `pb` of `b` by an index of size `dim`. */
export function connect(
  g: TermGraph,
  a: string,
  pa: number,
  b: string,
  pb: number,
  dim: Dim,
): void {
  g.addEdge(a, b, { sourcePort: pa, targetPort: pb, dim });
}

/** One end of a wire at a node: the port there, and the node and port at the other end. */
export interface WireEnd {
  edge: string;
  port: number;
  other: string;
  otherPort: number;
  dim: Dim;
}

/** Every wire end at `node`, sorted by port; a self-loop gives two ends. */
export function wireEnds(g: TermGraph, node: string): WireEnd[] {
  const ends: WireEnd[] = [];
  g.forEachEdge(node, (edge, attrs, source, target) => {
    if (source === target) {
      ends.push({
        edge,
        port: attrs.sourcePort,
        other: node,
        otherPort: attrs.targetPort,
        dim: attrs.dim,
      });
      ends.push({
        edge,
        port: attrs.targetPort,
        other: node,
        otherPort: attrs.sourcePort,
        dim: attrs.dim,
      });
    } else if (source === node) {
      ends.push({
        edge,
        port: attrs.sourcePort,
        other: target,
        otherPort: attrs.targetPort,
        dim: attrs.dim,
      });
    } else {
      ends.push({
        edge,
        port: attrs.targetPort,
        other: source,
        otherPort: attrs.sourcePort,
        dim: attrs.dim,
      });
    }
  });
  return ends.sort((x, y) => x.port - y.port);
}

/** The key of the free node of each axis, indexed by axis. */
export function freeNodes(g: TermGraph): string[] {
  const keys: string[] = [];
  g.forEachNode((key, attrs) => {
    if (attrs.kind === "free") keys[attrs.axis] = key;
  });
  return keys;
}

/** Copies every node and edge of `source` into `target` under fresh keys; returns old → new keys. */
export function copyInto(target: TermGraph, source: TermGraph): Map<string, string> {
  const keys = new Map<string, string>();
  source.forEachNode((key, attrs) => {
    keys.set(key, addNode(target, { ...attrs }));
  });
  source.forEachEdge((_edge, attrs, s, t) => {
    target.addEdge(keys.get(s) as string, keys.get(t) as string, { ...attrs });
  });
  return keys;
}
