/**
 * A scene drawn as SVG with d3-selection, on whatever DOM the element lives in: svgdom in Node,
 * the page's document in a browser. Only `enter().append()` is used (svgdom lacks
 * `compareDocumentPosition`, which `join`/`order`/`sort` need). Text goes in through `.text()`, so
 * the DOM escapes it, and `xmlSafe` first replaces the characters XML cannot hold; the order of elements and attributes is fixed, and coordinates arrive
 * rounded, so the same scene always serialises to the same bytes. Layers, bottom to top: the
 * background, box frames, wires, tensors and copy dots, free text.
 */
import { select } from "d3-selection";
import {
  type Point,
  round,
  type Scene,
  type SceneLabel,
  type SceneShape,
  type SceneWire,
} from "../scene/scene.js";
import { fontFamily, fontSizes } from "../text/metrics.js";
import { xmlSafe } from "../text/xml.js";
import { checkOptions } from "../validate.js";
import { type ThemeName, themes } from "./theme.js";

/** How to draw. */
export interface DrawOptions {
  theme?: ThemeName;
  /** Prefix of the ids of `<title>` and `<desc>` (make it unique per page). */
  id?: string;
}

const path = (points: readonly Point[]) =>
  points.map(([x, y], k) => `${k ? "L" : "M"}${x} ${y}`).join(" ");

/**
 * Fills the `<svg>` element `svg` with `scene` and returns it.
 *
 * @example drawSvg(document.createElementNS("http://www.w3.org/2000/svg", "svg"), scene, { theme: "dark" })
 */
export function drawSvg<E extends Element>(svg: E, scene: Scene, options: DrawOptions = {}): E {
  checkOptions(options);
  const theme = themes[options.theme ?? "light"];
  const id = xmlSafe(options.id ?? "diagrad");
  const root = select(svg)
    .attr("class", "diagrad")
    .attr("width", scene.width)
    .attr("height", scene.height)
    .attr("viewBox", `0 0 ${scene.width} ${scene.height}`)
    .attr("role", "img")
    .attr("aria-labelledby", `${id}-title ${id}-desc`)
    .attr("font-family", fontFamily);
  root.append("title").attr("id", `${id}-title`).text(xmlSafe(scene.title));
  root.append("desc").attr("id", `${id}-desc`).text(xmlSafe(scene.description));
  root
    .append("rect")
    .attr("class", "background")
    .attr("width", scene.width)
    .attr("height", scene.height)
    .attr("fill", theme.background);

  const shapes = (kind: SceneShape["kind"]) => scene.shapes.filter((s) => s.kind === kind);
  const boxes = root
    .append("g")
    .attr("class", "boxes")
    .selectAll(null)
    .data(shapes("box"))
    .enter()
    .append("g")
    .attr("class", "box");
  boxes
    .append("rect")
    .attr("x", (d) => d.x)
    .attr("y", (d) => d.y)
    .attr("width", (d) => d.width)
    .attr("height", (d) => d.height)
    .attr("rx", 6)
    .attr("fill", theme.boxFill)
    .attr("stroke", theme.boxStroke)
    .attr("stroke-width", 1.2);
  boxes
    .append("text")
    .attr("x", (d) => d.x + 6)
    .attr("y", (d) => d.y + 13)
    .attr("font-size", fontSizes.box)
    .attr("fill", theme.boxLabel)
    .text((d) => xmlSafe(d.label));

  root
    .append("g")
    .attr("class", "wires")
    .attr("fill", "none")
    .attr("stroke-width", 1.5)
    .selectAll(null)
    .data(scene.wires)
    .enter()
    .append("path")
    .attr("class", (d: SceneWire) => `wire ${d.role}`)
    .attr("d", (d) => path(d.points))
    .attr("stroke", (d) => (d.role === "new" ? theme.newWire : theme.wire))
    .attr("stroke-dasharray", (d) => (d.role === "new" ? "5 3" : null));

  const nodes = root.append("g").attr("class", "nodes");
  const tensors = nodes
    .selectAll(null)
    .data([...shapes("tensor"), ...shapes("fuse"), ...shapes("reference")])
    .enter()
    .append("g")
    .attr("class", (d) => d.kind);
  tensors
    .append("rect")
    .attr("x", (d) => d.x)
    .attr("y", (d) => d.y)
    .attr("width", (d) => d.width)
    .attr("height", (d) => d.height)
    .attr("rx", (d) => (d.kind === "fuse" ? 2 : 7))
    .attr("fill", theme.tensorFill)
    .attr("stroke", theme.tensorStroke)
    .attr("stroke-width", 1.5)
    .attr("stroke-dasharray", (d) => (d.kind === "reference" ? "4 2" : null));
  tensors
    .append("text")
    .attr("x", (d) => round(d.x + d.width / 2))
    .attr("y", (d) => round(d.y + d.height / 2 + fontSizes.tensor * 0.35))
    .attr("text-anchor", "middle")
    .attr("font-size", fontSizes.tensor)
    .attr("fill", theme.ink)
    .text((d) => xmlSafe(d.label));
  nodes
    .selectAll(null)
    .data(shapes("copy"))
    .enter()
    .append("circle")
    .attr("class", "copy")
    .attr("cx", (d) => round(d.x + d.width / 2))
    .attr("cy", (d) => round(d.y + d.height / 2))
    .attr("r", (d) => round(d.width / 2))
    .attr("fill", theme.copy);

  root
    .append("g")
    .attr("class", "labels")
    .selectAll(null)
    .data(scene.labels)
    .enter()
    .append("text")
    .attr("class", (d: SceneLabel) => d.role)
    .attr("x", (d) => d.x)
    .attr("y", (d) => d.y)
    .attr("text-anchor", (d) => d.anchor)
    .attr("font-size", (d) => labelSize(d))
    .attr("font-style", (d) => (d.role === "index" || d.role === "new-index" ? "italic" : null))
    .attr("fill", (d) =>
      d.role === "new-index" ? theme.newIndex : d.role === "index" ? theme.index : theme.sign,
    )
    .text((d) => xmlSafe(d.text));
  return svg;
}

function labelSize(label: SceneLabel): number {
  if (label.role === "index" || label.role === "new-index") return fontSizes.index;
  if (label.role === "caption") return fontSizes.caption;
  return fontSizes.sign;
}

/**
 * Appends a new `<svg>` with `scene` to `container` (a browser element) and returns the `<svg>`.
 *
 * @example drawInto(document.querySelector("#figure"), await layout(network))
 */
export function drawInto(
  container: Element,
  scene: Scene,
  options: DrawOptions = {},
): SVGSVGElement {
  const svg = select(container).append("svg").node() as SVGSVGElement;
  return drawSvg(svg, scene, options);
}
