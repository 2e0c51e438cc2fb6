/**
 * The prebuilt browser bundle of `<tensor-diagram>`: `dist/tensor-diagram.js` and the chunks it
 * loads (ELK comes in one, fetched on the first layout), written by `scripts/bundle.mjs` when this
 * package is built and listed in `dist/tensor-diagram.files.json`. Nothing here builds anything, so
 * the installed package needs no bundler: `copyElementBundle` copies the files beside a page.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The bundle's files as copied: the entry module first. */
export interface Bundle {
  /** The paths written, `tensor-diagram.js` first. */
  files: string[];
  /** The entry module's size in bytes: what a page loads before the first layout. */
  bytes: number;
  /** The size of every file together, in bytes. */
  totalBytes: number;
}

/** This package's dist/ (the same from src/ and from dist/: both are one level under the package). */
const dist = fileURLToPath(new URL("../dist/", import.meta.url));

/**
 * Copies the element's bundle into the folder `out` (made if missing); throws if the package was
 * never built with its bundle.
 *
 * @example const { files, bytes } = copyElementBundle("docs/site"); // docs/site/tensor-diagram.js, …
 */
export function copyElementBundle(out: string): Bundle {
  const list = join(dist, "tensor-diagram.files.json");
  if (!existsSync(list)) {
    throw new Error(
      `the <tensor-diagram> bundle is missing from ${dist}: build @diagrad/embed first (pnpm build)`,
    );
  }
  const entries: { file: string; bytes: number }[] = JSON.parse(readFileSync(list, "utf8"));
  mkdirSync(out, { recursive: true });
  const files = entries.map(({ file }) => {
    copyFileSync(join(dist, file), join(out, file));
    return join(out, file);
  });
  return {
    files,
    bytes: entries[0].bytes,
    totalBytes: entries.reduce((sum, e) => sum + e.bytes, 0),
  };
}

/** Modules that must never reach a browser bundle (the same list `scripts/bundle.mjs` checks). */
export const nodeOnly: readonly RegExp[] = [
  /node_modules\/svgdom\//,
  /@resvg\//,
  /^node:/,
  /\/render\/dist\/node\//,
];
