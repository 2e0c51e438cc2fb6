/**
 * The scene: what the layout hands to the drawing. Plain data in absolute SVG user units — shapes
 * (tensors, copy-tensor dots, reshape tensors, function boxes), wires as orthogonal polylines, and
 * free-standing text (index names, signs, coefficients, captions) — plus the title and description
 * the SVG carries for assistive technology. A `Panel` is the same without the words about it, in
 * coordinates relative to its own top-left corner, so panels compose by translation.
 */

/** A point `[x, y]`. */
export type Point = readonly [number, number];

export type ShapeKind = "tensor" | "copy" | "fuse" | "box" | "reference";

/** A tensor (rounded rectangle with its name), copy tensor (dot), reshape tensor, function box, or a named argument (`M1`, defined below the figure). */
export interface SceneShape {
  kind: ShapeKind;
  x: number;
  y: number;
  width: number;
  height: number;
  /** The tensor's name, the box's function (`tanh`, `(·)²`); empty for a copy tensor. */
  label: string;
}

/** `bond`: a contracted index; `output`: a free index of the expression; `new`: a derivative's new axis. */
export type WireRole = "bond" | "output" | "new";

export interface SceneWire {
  points: readonly Point[];
  role: WireRole;
}

export type LabelRole = "index" | "new-index" | "sign" | "coefficient" | "caption";

/** Text that belongs to no shape; `(x, y)` is the anchor point on the text's baseline middle. */
export interface SceneLabel {
  x: number;
  y: number;
  text: string;
  role: LabelRole;
  anchor: "start" | "middle" | "end";
}

/** A drawing in coordinates relative to its top-left corner. */
export interface Panel {
  width: number;
  height: number;
  shapes: readonly SceneShape[];
  wires: readonly SceneWire[];
  labels: readonly SceneLabel[];
}

/** A whole figure: a panel plus the words about it, ready for `drawInto`. */
export interface Scene extends Panel {
  /** Short text for `<title>`, e.g. the expression. */
  title: string;
  /** Longer text for `<desc>`, e.g. the index notation. */
  description: string;
}

/**
 * `panel` moved by `(dx, dy)`, every coordinate rounded to 0.1 so output is stable.
 *
 * @example translatePanel({ width: 10, height: 10, shapes: [], wires: [], labels: [] }, 5, 5).width // 10
 */
export function translatePanel(panel: Panel, dx: number, dy: number): Panel {
  const move = (x: number, y: number): Point => [round(x + dx), round(y + dy)];
  return {
    width: panel.width,
    height: panel.height,
    shapes: panel.shapes.map((s) => ({ ...s, x: round(s.x + dx), y: round(s.y + dy) })),
    wires: panel.wires.map((w) => ({ ...w, points: w.points.map(([x, y]) => move(x, y)) })),
    labels: panel.labels.map((l) => ({ ...l, x: round(l.x + dx), y: round(l.y + dy) })),
  };
}

/**
 * Several panels as one (their contents concatenated; size given by the caller).
 *
 * @example mergePanels(100, 40, [a, b]).shapes.length // a.shapes.length + b.shapes.length
 */
export function mergePanels(width: number, height: number, parts: readonly Panel[]): Panel {
  return {
    width: round(width),
    height: round(height),
    shapes: parts.flatMap((p) => p.shapes),
    wires: parts.flatMap((p) => p.wires),
    labels: parts.flatMap((p) => p.labels),
  };
}

/** `x` rounded to one decimal (and never `-0`). @example round(1.26) // 1.3 */
export function round(x: number): number {
  const r = Math.round(x * 10) / 10;
  return r === 0 ? 0 : r;
}
