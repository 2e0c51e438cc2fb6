/**
 * SVG text in Node, with no DOM from the caller: each call draws onto a fresh svgdom document
 * (svgdom 0.1.25, the last release that runs on Node 20) and serialises its root element.
 */
import { createSVGWindow } from "svgdom";
import { type DrawOptions, drawSvg } from "../draw/draw.js";
import type { Scene } from "../scene/scene.js";
import { type SceneOptions, sceneOf } from "../scene/subject.js";
import type { Drawable } from "../source.js";

/** Options of `renderSvg`: the source, the layout and the drawing's. */
export type RenderOptions = SceneOptions & DrawOptions;

/**
 * `scene` as SVG text.
 *
 * @example sceneToSvg(await layout(network), { theme: "dark" }).startsWith("<svg") // true
 */
export function sceneToSvg(scene: Scene, options: DrawOptions = {}): string {
  const { document } = createSVGWindow();
  return drawSvg(document.documentElement, scene, options).outerHTML;
}

/**
 * The diagram of an expression, its derivative (with `wrt`) or a network, as SVG text.
 *
 * @example await renderSvg("W @ (A * B)", { wrt: "A", theme: "dark" })
 */
export async function renderSvg(input: Drawable, options: RenderOptions = {}): Promise<string> {
  return sceneToSvg(await sceneOf(input, options), options);
}

/**
 * The expression and its derivative side by side (or stacked), captioned, as one SVG.
 *
 * @example await renderStepsSvg("x * y * z", { wrt: "x" })
 */
export async function renderStepsSvg(
  source: string,
  options: RenderOptions & { wrt: string },
): Promise<string> {
  return sceneToSvg(await sceneOf(source, options, true), options);
}
