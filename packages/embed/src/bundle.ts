/**
 * The browser bundle of `<tensor-diagram>`: element.ts and everything it imports (the renderer,
 * the core, ELK, d3-selection) as one ES module, built with esbuild for the browser platform.
 * Node-only modules (svgdom, resvg, `node:*`) cannot enter it: esbuild's browser platform fails on
 * a Node built-in, and `bundleElement` checks the inputs for the rest and says which one came in.
 */
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/** Packages that must never be in the browser bundle. */
export const nodeOnly = [/node_modules\/svgdom\//, /@resvg\//, /^node:/, /\/render\/dist\/node\//];

/** What `bundleElement` wrote. */
export interface Bundle {
  file: string;
  bytes: number;
  /** Every module in the bundle (paths relative to the working directory). */
  inputs: string[];
}

/**
 * Bundles the element into `file` (default `dist/tensor-diagram.js` of this package), minified.
 *
 * @example const { bytes } = await bundleElement("docs/site/tensor-diagram.js");
 */
export async function bundleElement(
  file = fileURLToPath(new URL("../dist/tensor-diagram.js", import.meta.url)),
): Promise<Bundle> {
  const entry = fileURLToPath(new URL("../src/element.ts", import.meta.url));
  const result = await build({
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    legalComments: "eof",
    metafile: true,
    logLevel: "silent",
  });
  const inputs = Object.keys(result.metafile.inputs);
  const intruder = inputs.find((input) => nodeOnly.some((pattern) => pattern.test(input)));
  if (intruder) throw new Error(`the browser bundle must not contain Node-only module ${intruder}`);
  const bytes = result.metafile.outputs[Object.keys(result.metafile.outputs)[0]].bytes;
  return { file, bytes, inputs };
}
