/**
 * ELK, wrapped as a pure function. `elk.layout` fills coordinates into the graph it is given, so
 * `runElk` hands it a deep copy and returns the positioned copy; the caller's graph never changes.
 * One ELK instance serves every call (creating one costs more than a small layout), and the layered
 * algorithm with a fixed random seed makes the result a function of the input alone. ELK (about
 * 1.4 MB of JavaScript) is imported on the first layout, not with this module, so a browser bundle
 * can load it as a separate chunk after its own code.
 */
import type { ELK, ElkNode, LayoutOptions } from "elkjs/lib/elk-api.js";

export type { ElkEdgeSection, ElkExtendedEdge, ElkNode, ElkPort } from "elkjs/lib/elk-api.js";

let instance: Promise<ELK> | undefined;

/** The one ELK instance, made on first use: the CommonJS module's `default` is the constructor. */
function elk(): Promise<ELK> {
  instance ??= import("elkjs/lib/elk.bundled.js").then((module) => new module.default.default());
  return instance;
}

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
  const engine = await elk();
  const copy = structuredClone(graph);
  const start = performance.now();
  try {
    return await engine.layout(copy);
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
