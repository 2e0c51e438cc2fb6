/**
 * ELK, wrapped as a pure function. `elk.layout` fills coordinates into the graph it is given, so
 * `runElk` hands it a deep copy and returns the positioned copy; the caller's graph never changes.
 * One ELK instance serves every call (creating one costs more than a small layout), and the layered
 * algorithm with a fixed random seed makes the result a function of the input alone.
 */
import elkModule from "elkjs/lib/elk.bundled.js";
import type { ELK, ElkNode, LayoutOptions } from "elkjs/lib/elk-api.js";

export type { ElkEdgeSection, ElkExtendedEdge, ElkNode, ElkPort } from "elkjs/lib/elk-api.js";

/** The constructor: the CommonJS module's `default` (what its typings declare). */
const ElkConstructor = elkModule.default;
let instance: ELK | undefined;

/** The options of every diagram: layered left to right, orthogonal wires, fixed seed, lean search. */
export const layeredOptions: LayoutOptions = {
  "elk.algorithm": "layered",
  "elk.direction": "RIGHT",
  "elk.edgeRouting": "ORTHOGONAL",
  "elk.randomSeed": "1",
  "elk.layered.thoroughness": "3",
  "elk.layered.mergeEdges": "true",
  "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
  "elk.layered.crossingMinimization.forceNodeModelOrder": "true",
  "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
  "elk.layered.nodePlacement.bk.fixedAlignment": "BALANCED",
  "elk.spacing.nodeNode": "22",
  "elk.layered.spacing.nodeNodeBetweenLayers": "30",
  "elk.spacing.edgeNode": "12",
  "elk.spacing.edgeEdge": "10",
  "elk.layered.spacing.edgeNodeBetweenLayers": "12",
  "elk.layered.spacing.edgeEdgeBetweenLayers": "10",
  "elk.spacing.portPort": "10",
  "elk.spacing.componentComponent": "24",
  "elk.aspectRatio": "20",
  "elk.padding": "[top=10,left=10,bottom=10,right=10]",
};

/**
 * The laid-out copy of `graph` (which is left as it was).
 *
 * @example const out = await runElk({ id: "g", children: [{ id: "a", width: 10, height: 10 }] });
 * out.children?.[0].x // 10
 */
export async function runElk(graph: ElkNode): Promise<ElkNode> {
  instance ??= new ElkConstructor();
  const copy = structuredClone(graph);
  const start = performance.now();
  try {
    return await instance.layout(copy);
  } finally {
    spent += performance.now() - start;
  }
}

let spent = 0;

/**
 * The wall time spent inside ELK's layout so far in this process, in ms: the render benchmark
 * tells the rest of a render (our own work) from it.
 *
 * @example const before = elkMilliseconds(); await runElk(graph); elkMilliseconds() - before // ELK's share
 */
export function elkMilliseconds(): number {
  return spent;
}
