/**
 * PNG from SVG with @resvg/resvg-js. resvg draws `<text>` (never `<foreignObject>`) with the
 * system's fonts; the drawing names DejaVu Sans first, whose widths the layout assumes.
 */
import { DiagradError } from "@diagrad/core";
import { Resvg } from "@resvg/resvg-js";
import type { Drawable } from "../source.js";
import { checkScale } from "../validate.js";
import { type RenderOptions, renderStepsSvg, renderSvg } from "./svg.js";

/** Options of `renderPng`: those of `renderSvg` and the scale (2 = two pixels per unit). */
export type PngOptions = RenderOptions & { scale?: number };

/**
 * `svg` rasterised at `scale`.
 *
 * @example svgToPng(await renderSvg("x * y"), 2) // Uint8Array starting with the PNG signature
 */
export function svgToPng(svg: string, scale = 2): Uint8Array {
  if (typeof svg !== "string")
    throw new DiagradError("usage", `svgToPng takes SVG text, got ${typeof svg}`);
  checkScale(scale);
  let resvg: Resvg;
  try {
    resvg = new Resvg(svg, {
      fitTo: { mode: "zoom", value: scale },
      font: {
        loadSystemFonts: true,
        defaultFontFamily: "DejaVu Sans",
        sansSerifFamily: "DejaVu Sans",
      },
    });
  } catch (error) {
    throw new DiagradError(
      "usage",
      `svgToPng: the SVG text does not parse (${(error as Error).message})`,
    );
  }
  return new Uint8Array(resvg.render().asPng());
}

/**
 * The diagram of `input` as PNG bytes.
 *
 * @example writeFileSync("d.png", await renderPng("x * y * z", { wrt: "x", scale: 2 }))
 */
export async function renderPng(input: Drawable, options: PngOptions = {}): Promise<Uint8Array> {
  return svgToPng(await renderSvg(input, options), options.scale);
}

/** The steps strip (expression, then derivative) as PNG bytes. @example await renderStepsPng("x * y", { wrt: "x" }) */
export async function renderStepsPng(
  source: string,
  options: PngOptions & { wrt: string },
): Promise<Uint8Array> {
  return svgToPng(await renderStepsSvg(source, options), options.scale);
}
