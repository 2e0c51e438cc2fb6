/**
 * The diagrams on the command line: `diagrad draw EXPR`, `diagrad steps EXPR --wrt X` (the
 * expression and its derivative as one captioned strip) and `diff --format svg|png`. SVG is text
 * with a final newline; PNG is bytes, for `-o FILE` or a pipe. The renderer is imported only
 * when a diagram is asked for, so the other commands never load ELK or resvg.
 */

import { limitsOf } from "../limits.js";
import { exitCodes } from "../report.js";
import type { DiagramOptions, DrawOptions, Format, Outcome, StepsOptions } from "./types.js";

/** Whether `format` asks for a diagram. @example isDiagram("svg") // true */
export function isDiagram(format: Format): format is "svg" | "png" {
  return format === "svg" || format === "png";
}

async function diagram(
  source: string,
  options: DiagramOptions,
  derivative: { wrt: string; order: number } | undefined,
  steps: boolean,
): Promise<Outcome> {
  const render = await import("@diagrad/render");
  const settings = {
    shapes: options.shape,
    theme: options.theme,
    ...derivative,
    ...limitsOf(options),
  };
  const svg = steps
    ? await render.renderStepsSvg(source, { ...settings, wrt: derivative?.wrt ?? "" })
    : await render.renderSvg(source, settings);
  const output = options.format === "png" ? render.svgToPng(svg, options.scale ?? 2) : `${svg}\n`;
  return { output, exitCode: exitCodes.ok };
}

/**
 * Runs `draw` on `source`: the expression's diagram.
 *
 * @example (await drawCommand("x * y", { format: "svg", theme: "light" })).output // "<svg …>…</svg>\n"
 */
export function drawCommand(source: string, options: DrawOptions): Promise<Outcome> {
  return diagram(source, options, undefined, false);
}

/**
 * Runs `steps` on `source`: every step of the derivation, as text or JSON, or as one strip of
 * captioned diagrams (svg, png).
 *
 * @example (await stepsCommand("x * y * z", { wrt: "x", order: 1, format: "svg" })).output
 */
export async function stepsCommand(source: string, options: StepsOptions): Promise<Outcome> {
  if (!isDiagram(options.format)) return (await import("./steps.js")).stepsText(source, options);
  return diagram(source, options, { wrt: options.wrt, order: options.order }, true);
}

/**
 * `diff --format svg|png`: the derivative's diagram.
 *
 * @example (await diffDiagram("x * y * z", { wrt: "x", order: 1, format: "png" })).output // PNG bytes
 */
export function diffDiagram(
  source: string,
  options: DiagramOptions & { wrt: string; order: number },
): Promise<Outcome> {
  return diagram(source, options, { wrt: options.wrt, order: options.order }, false);
}
