/**
 * @diagrad/render in a browser: lay out and draw into an element of the page's own DOM. Nothing
 * here imports svgdom or resvg, so bundlers leave them out.
 *
 * @example
 * import { renderInto } from "@diagrad/render/browser";
 * await renderInto(document.querySelector("#figure"), "W @ (A * B)", { wrt: "A" });
 */
import { type DrawOptions, drawInto } from "./draw/draw.js";
import { type SceneOptions, sceneOf } from "./scene/subject.js";
import type { Drawable } from "./source.js";

export { type DrawOptions, drawInto, drawSvg } from "./draw/draw.js";
export { type Theme, type ThemeName, themes } from "./draw/theme.js";
export {
  type Figure,
  indexNames,
  type LayoutOptions,
  layout,
  layoutStrip,
} from "./layout/layout.js";
export type { Panel, Point, Scene, SceneLabel, SceneShape, SceneWire } from "./scene/scene.js";
export { type SceneOptions, sceneOf } from "./scene/subject.js";
export type { Drawable, SourceOptions } from "./source.js";
export { xmlSafe } from "./text/xml.js";

/**
 * Lays out `input` and appends its diagram to `container`; returns the new `<svg>`.
 *
 * @example await renderInto(document.body, "x * y * z", { wrt: "x", theme: "dark", id: "fig1" })
 */
export async function renderInto(
  container: Element,
  input: Drawable,
  options: SceneOptions & DrawOptions = {},
): Promise<SVGSVGElement> {
  return drawInto(container, await sceneOf(input, options), options);
}
