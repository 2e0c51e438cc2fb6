/**
 * The playground's files in the built site: `playground-page.js`, the page's script (one classic
 * script, so the page also runs from `file://`), with the worker's script built first and carried
 * inside it as a string; and KaTeX's stylesheet and fonts under `katex/`, so formulas are typeset
 * with no network. Both scripts are built with esbuild for browsers, and, like the element's
 * bundle, may not contain a Node-only module. The page itself only draws (the workers lay out), so
 * its build marks diagrad's own modules as free of import-time side effects — they are pure
 * functions — and esbuild leaves out everything the drawing does not use, ELK above all.
 * esbuild and KaTeX are build-time tools here, loaded only when a site with a playground is built,
 * so importing @diagrad/embed never needs them.
 */
import { cpSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BuildOptions, Metafile, Plugin } from "esbuild";
import { nodeOnly } from "../bundle.js";

/** What `bundlePlayground` wrote. */
export interface PlaygroundBundle {
  /** The page's script, worker included, in bytes. */
  bytes: number;
  /** The worker's share of it. */
  workerBytes: number;
}

const sources = fileURLToPath(new URL("../../src/site/playground/", import.meta.url));

const browser = {
  bundle: true,
  format: "iife" as const,
  platform: "browser" as const,
  target: "es2022",
  minify: true,
  legalComments: "eof" as const,
  metafile: true as const,
  logLevel: "silent" as const,
} satisfies BuildOptions;

function refuseNodeOnly(metafile: Metafile): void {
  const intruder = Object.keys(metafile.inputs).find((i) => nodeOnly.some((p) => p.test(i)));
  if (intruder)
    throw new Error(`the playground's bundle must not contain Node-only module ${intruder}`);
}

const ours = /[\\/](packages[\\/](core|render)|@diagrad[\\/](core|render))[\\/]/;

/** Marks the modules of @diagrad/core and @diagrad/render as side-effect free, for tree shaking. */
const pureOwnModules: Plugin = {
  name: "diagrad-pure-modules",
  setup(b) {
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData?.resolving || args.namespace !== "file") return undefined;
      const { path, kind, importer, resolveDir } = args;
      const resolved = await b.resolve(path, {
        kind,
        importer,
        resolveDir,
        pluginData: { resolving: true },
      });
      if (resolved.errors.length || !ours.test(resolved.path)) return resolved;
      return { ...resolved, sideEffects: false };
    });
  },
};

/** Resolves `import … from "playground:worker"` to the worker's code as text. */
function workerText(code: string): Plugin {
  return {
    name: "playground-worker",
    setup(b) {
      b.onResolve({ filter: /^playground:worker$/ }, () => ({
        path: "worker",
        namespace: "playground",
      }));
      b.onLoad({ filter: /.*/, namespace: "playground" }, () => ({
        contents: code,
        loader: "text",
      }));
    },
  };
}

/**
 * Builds the playground's script and copies KaTeX's stylesheet and fonts into `out`.
 *
 * @example const { bytes } = await bundlePlayground("docs/site");
 */
export async function bundlePlayground(out: string): Promise<PlaygroundBundle> {
  const { build } = await import("esbuild"); // a build-time tool: loaded only when a site is built
  const worker = await build({
    ...browser,
    entryPoints: [join(sources, "worker.ts")],
    write: false,
  });
  refuseNodeOnly(worker.metafile);
  const code = worker.outputFiles[0].text;
  const page = await build({
    ...browser,
    entryPoints: [join(sources, "main.ts")],
    outfile: join(out, "playground-page.js"),
    plugins: [workerText(code), pureOwnModules],
  });
  refuseNodeOnly(page.metafile);
  const katex = join(dirname(createRequire(import.meta.url).resolve("katex/package.json")), "dist");
  mkdirSync(join(out, "katex"), { recursive: true });
  cpSync(join(katex, "katex.min.css"), join(out, "katex/katex.min.css"));
  cpSync(join(katex, "fonts"), join(out, "katex/fonts"), { recursive: true });
  const bytes = Object.values(page.metafile.outputs)[0].bytes;
  return { bytes, workerBytes: Buffer.byteLength(code) };
}
