/**
 * @diagrad/render: tensor networks drawn as deterministic SVG (and PNG) in Node, with no DOM from
 * the caller. Browsers use "@diagrad/render/browser", which draws into the page instead.
 *
 * @example
 * import { renderSvg } from "@diagrad/render";
 * const svg = await renderSvg("W @ (A * B)", { wrt: "A" }); // "<svg …>…</svg>"
 */
export * from "./browser.js";
export { type PngOptions, renderPng, renderStepsPng, svgToPng } from "./node/png.js";
export { type RenderOptions, renderStepsSvg, renderSvg, sceneToSvg } from "./node/svg.js";
export { textWidth } from "./text/metrics.js";
