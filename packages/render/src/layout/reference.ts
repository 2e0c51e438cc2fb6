/**
 * The stand-in for a named argument inside a function box: a node with the argument's name
 * (`M1`) and one leg per free axis, on the sides the argument's own legs would take, so the box
 * around it is built exactly as around the full drawing.
 */
import { type Point, round, type SceneWire } from "../scene/scene.js";
import { fontSizes, textWidth } from "../text/metrics.js";
import type { LaidNetwork, Tip } from "./box.js";
import { freeSide } from "./sides.js";
import { shapeSizes } from "./termGraph.js";

const leg = 14;

/**
 * A node named `name` with `rank` legs ending at the panel's border.
 *
 * @example referencePanel("M1", 1).tips.get(0) // [{ x: 46, y: 15, side: "EAST" }]
 */
export function referencePanel(name: string, rank: number): LaidNetwork {
  const sides = Array.from({ length: rank }, (_, axis) =>
    freeSide({ kind: "inner", expressionRank: 0, names: [] }, axis, rank),
  );
  const west = sides.filter((s) => s === "WEST").length;
  const east = rank - west;
  const width = Math.max(
    shapeSizes.tensorMinWidth,
    textWidth(name, fontSizes.tensor) + 2 * shapeSizes.tensorPad,
  );
  const height = Math.max(shapeSizes.tensorHeight, 12 * Math.max(west, east) + 8);
  const left = west ? leg : 0;
  const total = round(left + width + (east ? leg : 0));
  const tips = new Map<number, Tip[]>();
  const wires: SceneWire[] = [];
  let eastIndex = 0;
  sides.forEach((side, axis) => {
    const k = side === "EAST" ? eastIndex++ : 0;
    const count = side === "EAST" ? east : west;
    const y = round((height * (k + 1)) / (count + 1));
    const from: Point = [side === "EAST" ? round(left + width) : left, y];
    const to: Point = [side === "EAST" ? total : 0, y];
    wires.push({ role: "bond", points: [from, to] });
    tips.set(axis, [{ x: to[0], y, side }]);
  });
  const shape = {
    kind: "reference" as const,
    x: left,
    y: 0,
    width: round(width),
    height: round(height),
    label: name,
  };
  return {
    panel: { width: total, height: round(height), shapes: [shape], wires, labels: [] },
    tips,
  };
}
