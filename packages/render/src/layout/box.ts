/**
 * A function box: the frame drawn around the drawing of the function's argument, with the
 * function's name in its top-left corner. For an elementwise function each axis of the argument
 * passes through the frame: the legs of every term of the argument for that axis meet at one
 * port on the frame (a short bus in the margin when the argument is a sum). Other functions (inv,
 * det, norm, softmax, …) consume their argument's axes, whose legs end inside the frame, and
 * their own output axes leave by the sides a tensor's would.
 */
import { type NodeAttrs, superscript } from "@diagrad/core";
import { type Panel, type Point, round, type SceneWire, translatePanel } from "../scene/scene.js";
import { fontSizes, textWidth } from "../text/metrics.js";
import { axisSide, type Side } from "./sides.js";

/** Where a free axis's legs end at a network's border (one tip per term). */
export interface Tip {
  x: number;
  y: number;
  side: "WEST" | "EAST";
}

/** A network's drawing and, per free axis, the tips of its legs. */
export interface LaidNetwork {
  panel: Panel;
  tips: ReadonlyMap<number, readonly Tip[]>;
}

/** A port on a box: its side and, when fixed by the inner drawing, its position on the frame. */
export interface BoxPort {
  side: Side;
  at?: Point;
}

/** A box ready for ELK: size, ports, and its contents as a panel (frame at the origin). */
export interface BoxDrawing {
  width: number;
  height: number;
  ports: ReadonlyMap<number, BoxPort>;
  label: string;
  contents: Panel;
}

const header = 18;
const pad = 6;
const margin = 12;

/**
 * The name written on a box: `tanh`, `inv`, `(·)²`, `(·)⁻¹`, `(·)^0.5`.
 *
 * @example boxLabel({ kind: "box", fn: "pow", param: -1, inner }) // "(·)⁻¹"
 */
export function boxLabel(attrs: NodeAttrs & { kind: "box" }): string {
  if (attrs.fn === "group") return "";
  if (attrs.fn !== "pow") return attrs.fn;
  return `(·)${superscript(attrs.param ?? 1)}`;
}

/**
 * The box around `inner` for a function with `rank` output axes.
 *
 * @example boxDrawing("tanh", true, laidArgument, 1).ports.get(0) // { side: "EAST", at: [w, y] }
 */
export function boxDrawing(
  label: string,
  elementwise: boolean,
  inner: LaidNetwork,
  rank: number,
): BoxDrawing {
  const tips = [...inner.tips.entries()].sort(([a], [b]) => a - b);
  const west = tips.some(([, ts]) => ts.some((t) => t.side === "WEST"));
  const east = tips.some(([, ts]) => ts.some((t) => t.side === "EAST"));
  const left = pad + (west ? margin : 0);
  const width = round(
    Math.max(
      textWidth(label, fontSizes.box) + 2 * pad,
      left + inner.panel.width + pad + (east ? margin : 0),
    ),
  );
  const height = round(header + inner.panel.height + pad);
  const wires: SceneWire[] = [];
  const ports = new Map<number, BoxPort>();
  for (const [axis, ends] of tips) {
    if (ends.length === 0) continue;
    const side = ends[0].side;
    const bus = side === "EAST" ? width - margin / 2 : margin / 2;
    const border = side === "EAST" ? width : 0;
    const ys = ends.map((t) => t.y + header);
    const portY = round(ends.length === 1 ? ys[0] : (Math.min(...ys) + Math.max(...ys)) / 2);
    for (const t of ends) {
      const tip: Point = [round(t.x + left), round(t.y + header)];
      if (ends.length === 1 && elementwise)
        wires.push({ role: "bond", points: [tip, [border, portY]] });
      else wires.push({ role: "bond", points: [tip, [bus, tip[1]], [bus, portY]] });
    }
    if (elementwise) {
      if (ends.length > 1)
        wires.push({
          role: "bond",
          points: [
            [bus, portY],
            [border, portY],
          ],
        });
      ports.set(axis, { side, at: [border, portY] });
    }
  }
  if (!elementwise) {
    for (let port = 0; port < rank; port++)
      ports.set(port, { side: axisSide(port, rank) ?? "EAST" });
  }
  const moved = translatePanel(inner.panel, left, header);
  const contents: Panel = { ...moved, width, height, wires: [...moved.wires, ...wires] };
  return { width, height, ports, label, contents };
}
