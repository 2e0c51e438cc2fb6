/**
 * Checks of the renderers' arguments as plain JavaScript may pass them: what to draw (an
 * expression's text or a network), the options object and its words, the theme and the PNG
 * scale. Each wrong argument is a `DiagradError` of kind "usage" naming it, never a `TypeError`
 * from the layout, nor a crash of the rasteriser.
 *
 * @example checkDrawable(null) // throws "what to draw must be an expression's text or a network, got null"
 */
import { DiagradError } from "@diagrad/core";
import { themes } from "./draw/theme.js";

/** The largest PNG scale (pixels per SVG unit), as `--scale` allows. */
export const MAX_SCALE = 16;

function describe(x: unknown): string {
  if (x === null) return "null";
  if (Array.isArray(x)) return "an array";
  if (typeof x === "string") return `the string ${JSON.stringify(x.slice(0, 40))}`;
  if (typeof x === "number") return `the number ${x}`;
  return typeof x === "object" ? "an object" : `a ${typeof x}`;
}

function usage(message: string): never {
  throw new DiagradError("usage", message);
}

/** `input` is a string or a network (`{ shape: [], terms: [] }`). */
export function checkDrawable(input: unknown): void {
  if (typeof input === "string") return;
  const net = input as { shape?: unknown; terms?: unknown } | null;
  if (
    typeof net !== "object" ||
    net === null ||
    !Array.isArray(net.shape) ||
    !Array.isArray(net.terms)
  )
    usage(`what to draw must be an expression's text or a network, got ${describe(input)}`);
}

/** `options` is undefined or an object whose words are strings and whose theme is known. */
export function checkOptions(options: unknown): void {
  if (options === undefined) return;
  if (typeof options !== "object" || options === null || Array.isArray(options))
    usage(`the options must be an object, got ${describe(options)}`);
  const o = options as Record<string, unknown>;
  for (const key of ["title", "description", "id", "wrt"]) {
    if (o[key] !== undefined && typeof o[key] !== "string")
      usage(`${key} must be a string, got ${describe(o[key])}`);
  }
  if (o.theme !== undefined && !Object.hasOwn(themes, o.theme as string))
    usage(`theme must be one of ${Object.keys(themes).join(", ")}, got ${describe(o.theme)}`);
}

/** `scale` is undefined or a number in (0, MAX_SCALE]. */
export function checkScale(scale: unknown): void {
  if (scale === undefined) return;
  if (typeof scale !== "number" || !(scale > 0 && scale <= MAX_SCALE))
    usage(
      `the PNG scale must be a number above 0 and at most ${MAX_SCALE}, got ${describe(scale)}`,
    );
}
