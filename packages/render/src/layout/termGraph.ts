/**
 * One term of a network as an ELK graph. Tensors, reshape tensors and function boxes are nodes
 * with one port per axis on the side the axis belongs to (see sides.ts); a copy tensor is a small
 * node without ports (ELK takes no hyperedges, so the copy tensor is the hub its wires meet at);
 * a free axis is a node pinned to the first or last layer, so its leg ends at the diagram's border.
 * ELK edges are directed while indices are not: each wire is oriented to run west to east between
 * the sides of its ends, which is what keeps fixed sides free of needless detours.
 */
import type { NodeAttrs, Term } from "@diagrad/core";
import { fontSizes, textWidth } from "../text/metrics.js";
import type { BoxDrawing } from "./box.js";
import type { ElkExtendedEdge, ElkNode, ElkPort } from "./elk.js";
import { layeredOptions } from "./elk.js";
import { freeSide, type NetworkContext, portSide, type Side } from "./sides.js";

/** Sizes of the shapes, in px. */
export const shapeSizes = {
  tensorHeight: 30,
  tensorPad: 10,
  tensorMinWidth: 32,
  copy: 10,
  freeHeight: 16,
} as const;

/** A wire end: node key and port. */
export interface WireEnd {
  node: string;
  port: number;
}

/** A wire of the term, both ends in a canonical order. */
export interface TermWire {
  id: string;
  from: WireEnd;
  to: WireEnd;
}

/** `n12` → 12, so keys sort as numbers. */
function keyNumber(key: string): number {
  return Number(key.replace(/^\D+/, ""));
}

/** The term's node keys in numeric order. */
export function sortedNodes(term: Term): string[] {
  return term.graph
    .nodes()
    .sort((a, b) => keyNumber(a) - keyNumber(b) || (a < b ? -1 : a > b ? 1 : 0));
}

function portId(end: WireEnd, attrs: NodeAttrs): string {
  return attrs.kind === "copy" ? end.node : `${end.node}:${end.port}`;
}

/** How many ports a node shows: a tensor's rank, a box's output axes, three for a reshape. */
function portCount(term: Term, node: string, attrs: NodeAttrs): number {
  if (attrs.kind === "tensor") return attrs.rank;
  if (attrs.kind === "fuse") return 3;
  if (attrs.kind === "free") return 1;
  let most = 0;
  term.graph.forEachEdge(node, (_e, a, s, t) => {
    if (s === node) most = Math.max(most, a.sourcePort + 1);
    if (t === node) most = Math.max(most, a.targetPort + 1);
  });
  return most;
}

/** Every wire of the term, oriented west to east where the sides say so, in a stable order. */
export function termWires(
  term: Term,
  ctx: NetworkContext,
  boxes: ReadonlyMap<string, BoxDrawing>,
): TermWire[] {
  const g = term.graph;
  const rank = term.graph.filterNodes((_n, a) => a.kind === "free").length;
  const side = (end: WireEnd): Side | undefined => {
    const attrs = g.getNodeAttributes(end.node);
    if (attrs.kind === "free") return freeSide(ctx, attrs.axis, rank) === "EAST" ? "WEST" : "EAST";
    if (attrs.kind === "box") return boxes.get(end.node)?.ports.get(end.port)?.side;
    return portSide(attrs, end.port, portCount(term, end.node, attrs));
  };
  const order = (x: WireEnd, y: WireEnd) =>
    keyNumber(x.node) - keyNumber(y.node) || x.port - y.port;
  const wires = g.mapEdges((_edge, a, s, t): [WireEnd, WireEnd] => {
    const ends: [WireEnd, WireEnd] = [
      { node: s, port: a.sourcePort },
      { node: t, port: a.targetPort },
    ];
    return order(ends[0], ends[1]) <= 0 ? ends : [ends[1], ends[0]];
  });
  wires.sort(([a1, a2], [b1, b2]) => order(a1, b1) || order(a2, b2));
  return wires.map(([a, b], k) => {
    const sa = side(a);
    const sb = side(b);
    const score =
      Number(sa === "EAST") + Number(sb === "WEST") - Number(sa === "WEST") - Number(sb === "EAST");
    const flip = score < 0;
    return flip ? { id: `e${k}`, from: b, to: a } : { id: `e${k}`, from: a, to: b };
  });
}

function node(
  id: string,
  width: number,
  height: number,
  ports: ElkPort[],
  options: Record<string, string>,
): ElkNode {
  return { id, width, height, ports, layoutOptions: options };
}

/**
 * The ELK graph of `term`; `boxes` holds the drawing of each function box's argument.
 *
 * @example termGraph(term, { kind: "figure", expressionRank: 1, names: ["i"] }, new Map()).children?.length
 */
export function termGraph(
  term: Term,
  ctx: NetworkContext,
  boxes: ReadonlyMap<string, BoxDrawing>,
): ElkNode {
  const g = term.graph;
  const rank = g.filterNodes((_n, a) => a.kind === "free").length;
  const children: ElkNode[] = [];
  // free nodes last and by axis: ELK's model order then puts index i above j above k
  const byAxis = (k: string) => {
    const a = g.getNodeAttributes(k);
    return a.kind === "free" ? a.axis : -1;
  };
  const keys = sortedNodes(term).sort((a, b) => byAxis(a) - byAxis(b));
  for (const key of keys) {
    const attrs = g.getNodeAttributes(key);
    if (attrs.kind === "copy") {
      children.push(node(key, shapeSizes.copy, shapeSizes.copy, [], {}));
    } else if (attrs.kind === "free") {
      const side = freeSide(ctx, attrs.axis, rank);
      const figure = ctx.kind === "figure";
      const width = figure ? textWidth(ctx.names[attrs.axis] ?? "", fontSizes.index) + 6 : 1;
      const height = figure ? shapeSizes.freeHeight : 1;
      const port: ElkPort = {
        id: `${key}:0`,
        width: 0,
        height: 0,
        layoutOptions: { "elk.port.side": side === "EAST" ? "WEST" : "EAST" },
      };
      children.push(
        node(key, width, height, [port], {
          "elk.portConstraints": "FIXED_SIDE",
          "elk.layered.layering.layerConstraint":
            side === "EAST" ? "LAST_SEPARATE" : "FIRST_SEPARATE",
        }),
      );
    } else if (attrs.kind === "box") {
      const box = boxes.get(key) as BoxDrawing;
      const ports = [...box.ports.entries()].map(([p, bp]): ElkPort => {
        const at = bp.at ? { x: bp.at[0], y: bp.at[1] } : {};
        return {
          id: `${key}:${p}`,
          width: 0,
          height: 0,
          ...at,
          layoutOptions: { "elk.port.side": bp.side },
        };
      });
      const fixed = [...box.ports.values()].some((p) => p.at);
      children.push(
        node(key, box.width, box.height, ports, {
          "elk.portConstraints": fixed ? "FIXED_POS" : "FIXED_SIDE",
        }),
      );
    } else {
      const label = attrs.kind === "tensor" ? attrs.name : "R";
      const count = portCount(term, key, attrs);
      const vertical = Math.max(0, count - 2);
      const width = Math.max(
        shapeSizes.tensorMinWidth,
        textWidth(label, fontSizes.tensor) + 2 * shapeSizes.tensorPad,
        14 * vertical,
      );
      const ports = Array.from({ length: count }, (_, p): ElkPort => {
        const s = portSide(attrs, p, count);
        return {
          id: `${key}:${p}`,
          width: 0,
          height: 0,
          layoutOptions: s ? { "elk.port.side": s } : {},
        };
      });
      const free = ports.every((p) => !p.layoutOptions?.["elk.port.side"]);
      children.push(
        node(key, width, shapeSizes.tensorHeight, ports, {
          "elk.portConstraints": free ? "FREE" : "FIXED_SIDE",
        }),
      );
    }
  }
  const attrsOf = (k: string) => g.getNodeAttributes(k);
  const edges: ElkExtendedEdge[] = termWires(term, ctx, boxes).map((w) => ({
    id: w.id,
    sources: [portId(w.from, attrsOf(w.from.node))],
    targets: [portId(w.to, attrsOf(w.to.node))],
  }));
  return { id: "term", layoutOptions: layeredOptions, children, edges };
}
