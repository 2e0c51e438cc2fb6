/**
 * Builds the browser bundle of `<tensor-diagram>` into this package's dist/, as part of the
 * package's build (`node packages/embed/scripts/bundle.mjs`, after `tsc -b`): src/element.ts and
 * everything it imports (the renderer, the core, d3-selection) as the ES module
 * `dist/tensor-diagram.js`, and ELK — which the renderer imports on its first layout — as a chunk
 * beside it (`dist/tensor-diagram-chunk-*.js`) that the browser fetches only then. esbuild runs
 * here, at build time only: it is a devDependency, and nothing the package ships imports it.
 * Node-only modules (svgdom, resvg, `node:*`) cannot enter the bundle: esbuild's browser platform
 * fails on a Node built-in, and this script checks the inputs for the rest and names the one that
 * came in. The files are listed, with their sizes, in `dist/tensor-diagram.files.json`, which
 * `buildSite` reads to copy them.
 *
 * @example node packages/embed/scripts/bundle.mjs // "@diagrad/embed: tensor-diagram.js 158 kB, tensor-diagram-chunk-….js 1458 kB, …"
 */
import { readdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/** Packages that must never be in the browser bundle. */
const nodeOnly = [/node_modules\/svgdom\//, /@resvg\//, /^node:/, /\/render\/dist\/node\//];

const dist = fileURLToPath(new URL("../dist/", import.meta.url));
const entry = fileURLToPath(new URL("../src/element.ts", import.meta.url));

// Chunks of earlier builds have other hashes: remove them so the folder holds this build only.
for (const name of readdirSync(dist)) {
  if (/^tensor-diagram.*\.js$/.test(name)) rmSync(join(dist, name));
}

const result = await build({
  entryPoints: { "tensor-diagram": entry },
  outdir: dist,
  chunkNames: "tensor-diagram-chunk-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  minify: true,
  legalComments: "eof",
  metafile: true,
  logLevel: "warning",
});

const inputs = Object.keys(result.metafile.inputs);
const intruder = inputs.find((input) => nodeOnly.some((pattern) => pattern.test(input)));
if (intruder) {
  console.error(`the browser bundle must not contain the Node-only module ${intruder}`);
  process.exit(1);
}
const files = Object.entries(result.metafile.outputs)
  .map(([path, output]) => ({ file: basename(path), bytes: output.bytes }))
  .sort((a, b) => Number(b.file === "tensor-diagram.js") - Number(a.file === "tensor-diagram.js"));
writeFileSync(join(dist, "tensor-diagram.files.json"), `${JSON.stringify(files, null, 2)}\n`);
const kB = (bytes) => `${Math.round(bytes / 1024)} kB`;
console.log(`@diagrad/embed: ${files.map((f) => `${f.file} ${kB(f.bytes)}`).join(", ")}`);
