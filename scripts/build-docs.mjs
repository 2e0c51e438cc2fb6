/**
 * `pnpm run docs`: builds the docs site from docs/*.md into docs/site/, after `pnpm build` (plain
 * `pnpm docs` would run npm's own docs command instead). Every ```diagrad fence is drawn by @diagrad/embed's remark plugin and
 * the `<tensor-diagram>` bundle (built with @diagrad/embed) is copied beside the pages. A bad fence stops the build with
 * `docs/PAGE.md:LINE:COL: error: …` and a caret (exit 1); `--keep-going` draws error boxes instead.
 * The playground page (docs/playground.md) gets its script, worker inside, and KaTeX's files.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildSite, formatMessage, isError } from "../packages/embed/dist/index.js";

const root = fileURLToPath(new URL("..", import.meta.url));
process.chdir(root);
const keepGoing = process.argv.includes("--keep-going");

try {
  const site = await buildSite({ source: "docs", out: "docs/site", keepGoing });
  for (const message of site.messages) {
    console.error(formatMessage(readFileSync(message.file, "utf8"), message, message.file));
  }
  const kb = (bytes) => `${Math.round(bytes / 1024)} kB`;
  const playground = site.playground
    ? `, playground-page.js (${kb(site.playground.bytes)}, its worker ${kb(site.playground.workerBytes)}) and KaTeX's files`
    : "";
  console.log(
    `docs/site: ${site.pages.join(", ")}, tensor-diagram.js (${kb(site.bundle.bytes)}; ${kb(site.bundle.totalBytes)} with ELK's chunk)${playground}`,
  );
  process.exitCode = site.messages.some(isError) && !keepGoing ? 1 : 0;
} catch (error) {
  if (!(error instanceof Error && "place" in error && "file" in error)) throw error;
  console.error(formatMessage(readFileSync(error.file, "utf8"), error, error.file));
  process.exitCode = 1;
}
