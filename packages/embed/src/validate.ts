/**
 * Checks of the Markdown transform's and the plugin's arguments as plain JavaScript may pass
 * them: the document (text, a VFile or `{ path, value }`) and the options (`embed`, `theme`,
 * `keepGoing`, `imageDir`, `idPrefix`). A wrong one is a `DiagradError` of kind "usage" that
 * names it, never a `TypeError` from unified, nor a message blamed on the first fence.
 *
 * @example checkPluginOptions({ embed: "svg" }) // throws 'embed must be "inline" or "file", got the string "svg"'
 */
import { DiagradError } from "@diagrad/core";

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

const choices: Readonly<Record<string, readonly string[]>> = {
  embed: ["inline", "file"],
  theme: ["light", "dark"],
};

/** The plugin's options: undefined or an object of known values. */
export function checkPluginOptions(options: unknown): void {
  if (options === undefined) return;
  if (typeof options !== "object" || options === null || Array.isArray(options))
    usage(`the options must be an object, got ${describe(options)}`);
  const o = options as Record<string, unknown>;
  for (const [key, allowed] of Object.entries(choices)) {
    if (o[key] !== undefined && !allowed.includes(o[key] as string))
      usage(`${key} must be ${allowed.map((a) => `"${a}"`).join(" or ")}, got ${describe(o[key])}`);
  }
  for (const key of ["imageDir", "idPrefix"]) {
    if (o[key] !== undefined && typeof o[key] !== "string")
      usage(`${key} must be a string, got ${describe(o[key])}`);
  }
  if (o.keepGoing !== undefined && typeof o.keepGoing !== "boolean")
    usage(`keepGoing must be true or false, got ${describe(o.keepGoing)}`);
}

/** The document: text, a VFile, or `{ path?, value }` with text. */
export function checkDocument(input: unknown): void {
  if (typeof input === "string") return;
  const doc = input as { value?: unknown; path?: unknown } | null;
  const ok =
    typeof doc === "object" &&
    doc !== null &&
    (typeof doc.value === "string" || doc.value instanceof Uint8Array) &&
    (doc.path === undefined || typeof doc.path === "string");
  if (!ok)
    usage(`the document must be Markdown text, a VFile or { path, value }, got ${describe(input)}`);
}
