/**
 * One term, laid out: its ELK graph positioned by ELK and read back as a panel. Tensors become
 * labelled rectangles, copy tensors dots, boxes their frames with their arguments inside, free
 * axes of a figure the index names at the ends of their legs, and every ELK edge section a
 * polyline whose role says whether it is a contracted index, an output or a derivative's new axis.
 */
import type { Term } from "@diagrad/core";
import {
  type Panel,
  type Point,
  round,
  type SceneLabel,
  type SceneShape,
  type SceneWire,
  translatePanel,
  type WireRole,
} from "../scene/scene.js";
import { fontSizes } from "../text/metrics.js";
import type { BoxDrawing, LaidNetwork, Tip } from "./box.js";
import { runElk } from "./elk.js";
import { freeSide, type NetworkContext } from "./sides.js";
import { termGraph } from "./termGraph.js";

const roundPoint = (x: number, y: number): Point => [round(x), round(y)];

/**
 * Lays out `term` (its boxes already drawn, in `boxes`) and returns its panel and free-leg tips.
 *
 * @example const { panel } = await layoutTerm(d.network.terms[0], { kind: "figure", expressionRank: 1, names: ["i", "j"] }, new Map());
 */
export async function layoutTerm(
  term: Term,
  ctx: NetworkContext,
  boxes: ReadonlyMap<string, BoxDrawing>,
): Promise<LaidNetwork> {
  const g = term.graph;
  const rank = g.filterNodes((_n, a) => a.kind === "free").length;
  const laid = await runElk(termGraph(term, ctx, boxes));
  const shapes: SceneShape[] = [];
  const labels: SceneLabel[] = [];
  const contents: Panel[] = [];
  const tips = new Map<number, Tip[]>();
  for (const child of laid.children ?? []) {
    const attrs = g.getNodeAttributes(child.id);
    const x = child.x ?? 0;
    const y = child.y ?? 0;
    const box = {
      x: round(x),
      y: round(y),
      width: round(child.width ?? 0),
      height: round(child.height ?? 0),
    };
    if (attrs.kind === "tensor") shapes.push({ kind: "tensor", ...box, label: attrs.name });
    if (attrs.kind === "fuse") shapes.push({ kind: "fuse", ...box, label: "R" });
    if (attrs.kind === "copy") shapes.push({ kind: "copy", ...box, label: "" });
    if (attrs.kind === "box") {
      const drawing = boxes.get(child.id) as BoxDrawing;
      shapes.push({ kind: "box", ...box, label: drawing.label });
      contents.push(translatePanel(drawing.contents, x, y));
    }
    if (attrs.kind === "free") {
      const side = freeSide(ctx, attrs.axis, rank);
      const port = child.ports?.[0];
      const tip = roundPoint(x + (port?.x ?? 0), y + (port?.y ?? 0));
      tips.set(attrs.axis, [{ x: tip[0], y: tip[1], side }]);
      if (ctx.kind === "figure") {
        const isNew = attrs.axis >= ctx.expressionRank;
        const baseline = round(tip[1] + fontSizes.index * 0.35);
        labels.push({
          x: round(side === "EAST" ? tip[0] + 3 : tip[0] - 3),
          y: baseline,
          text: ctx.names[attrs.axis] ?? "",
          role: isNew ? "new-index" : "index",
          anchor: side === "EAST" ? "start" : "end",
        });
      }
    }
  }
  const roleOf = (node: string): WireRole | undefined => {
    const attrs = g.getNodeAttributes(node);
    if (attrs.kind !== "free" || ctx.kind !== "figure") return undefined;
    return attrs.axis >= ctx.expressionRank ? "new" : "output";
  };
  const wires: SceneWire[] = [];
  for (const edge of laid.edges ?? []) {
    const ends = [...edge.sources, ...edge.targets].map((id) => id.split(":")[0]);
    const roles = ends.map(roleOf);
    const role: WireRole = roles.includes("new")
      ? "new"
      : roles.includes("output")
        ? "output"
        : "bond";
    for (const s of edge.sections ?? []) {
      const points = [s.startPoint, ...(s.bendPoints ?? []), s.endPoint].map((p) =>
        roundPoint(p.x, p.y),
      );
      wires.push({ role, points });
    }
  }
  const panel: Panel = {
    width: round(laid.width ?? 0),
    height: round(laid.height ?? 0),
    shapes: [...shapes, ...contents.flatMap((c) => c.shapes)],
    wires: [...wires, ...contents.flatMap((c) => c.wires)],
    labels: [...labels, ...contents.flatMap((c) => c.labels)],
  };
  return { panel, tips };
}
