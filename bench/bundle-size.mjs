/**
 * The size of the `<tensor-diagram>` browser bundle as @diagrad/embed ships it (built with the
 * package into packages/embed/dist/): the entry module a page loads first, the chunks it loads
 * later (ELK's on the first drawing), raw and gzipped (zlib level 9, what a server would send).
 *
 * Run on the built packages: `node bench/bundle-size.mjs` (`pnpm bench` runs it).
 */
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const dist = new URL("../packages/embed/dist/", import.meta.url);
const list = JSON.parse(readFileSync(new URL("tensor-diagram.files.json", dist), "utf8"));
const kB = (bytes) => `${(bytes / 1024).toFixed(bytes < 10240 ? 1 : 0)} kB`;
const sizes = list.map(({ file }) => {
  const bytes = readFileSync(new URL(file, dist));
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
});
const [entry, ...chunks] = sizes;
const total = (key) => sizes.reduce((sum, s) => sum + s[key], 0);
console.log(
  `<tensor-diagram>: ${entry.file} ${kB(entry.raw)} (${kB(entry.gzip)} gzipped) loads first; ` +
    `then ${chunks.map((c) => `${c.file} ${kB(c.raw)} (${kB(c.gzip)})`).join(", ")}; ` +
    `${kB(total("raw"))} (${kB(total("gzip"))} gzipped) in all`,
);
