/**
 * `diagrad docs IN.md -o OUT.md`: the Markdown transform on the command line. Every ```diagrad
 * fence of the document is replaced by its diagram (inline SVG, or with `--embed file` an SVG
 * file in `OUT-diagrams/` linked relatively) and its formula, by @diagrad/embed's remark plugin.
 * Bad fences are reported as `IN.md:LINE:COL: error: …` with the line and a caret; the command
 * then exits 1 and writes nothing, or with `--keep-going` writes error boxes in their place and
 * exits 0. The document comes from a file or standard input (`-`); the result goes to `-o FILE`
 * or standard output. @diagrad/embed is imported only when the command runs.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import { type Command, Option } from "commander";
import { readText, reason, writeResult } from "../io/files.js";
import { CliError, exitCodes, report, usageError } from "../report.js";
import type { DiagramOptions } from "./types.js";

/** The options of `docs`. */
export interface DocsOptions extends Pick<DiagramOptions, "input" | "output" | "theme"> {
  embed: "inline" | "file";
  keepGoing?: boolean;
}

async function readDocument(file: string): Promise<string> {
  if (file !== "-") return readText(file, "input file");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/^\uFEFF/, "");
}

/** Where `--embed file` puts the images of `output`: `OUT-diagrams/` beside it. */
function imageFolder(output: string): { dir: string; url: string } {
  const url = `${basename(output, extname(output))}-diagrams`;
  return { dir: join(dirname(output), url), url };
}

/**
 * Runs `docs` on the document `file` (or `-i`) and returns the exit code.
 *
 * @example await docsCommand("README.src.md", { output: "README.md", embed: "inline" }) // 0
 */
export async function docsCommand(file: string | undefined, options: DocsOptions): Promise<number> {
  if (file !== undefined && options.input !== undefined) {
    throw usageError("give the document either as an argument or with -i, not both", "docs");
  }
  const input = file ?? options.input;
  if (input === undefined)
    throw usageError("no document: give IN.md, or - for standard input", "docs");
  if (options.embed === "file" && options.output === undefined) {
    throw usageError("--embed file writes images beside the output: give -o OUT.md", "docs");
  }
  const { formatMessage, isError, transformMarkdown } = await import("@diagrad/embed");
  const name = input === "-" ? "<stdin>" : input;
  const document = await readDocument(input);
  const images = options.output ? imageFolder(options.output) : undefined;
  const result = await transformMarkdown(
    { path: name, value: document },
    {
      embed: options.embed,
      imageDir: images?.url,
      theme: options.theme,
      keepGoing: true,
    },
  );
  const messages = result.file.messages;
  for (const message of messages) report(formatMessage(document, message, name));
  const errors = messages.filter(isError).length;
  if (errors > 0 && !options.keepGoing) {
    report(
      `error: ${errors} bad diagrad fence${errors === 1 ? "" : "s"}; nothing written (--keep-going draws error boxes instead)`,
    );
    return exitCodes.input;
  }
  if (images && result.images.length) {
    try {
      mkdirSync(images.dir, { recursive: true });
      for (const image of result.images)
        writeFileSync(join(images.dir, image.name), `${image.svg}\n`);
    } catch (error) {
      throw new CliError(
        `error: cannot write images to '${images.dir}': ${reason(error)}`,
        exitCodes.usage,
      );
    }
  }
  writeResult(result.markdown, options.output);
  return exitCodes.ok;
}

/** Adds `docs` to `program`; `done(code)` receives its exit code. */
export function addDocsCommand(
  program: Command,
  done: (code: number) => void,
  examples: (lines: readonly string[]) => string,
): void {
  program
    .command("docs")
    .summary("draw the ```diagrad fences of a Markdown document")
    .description(
      "Replace every ```diagrad fence of a Markdown document with its diagram and formula. A fence's first line is the expression; further lines are options: 'wrt: A', 'order: 2', 'theme: dark', 'shape: A=m,n; x=n', 'steps: list|diagrams'. Bad fences are reported as FILE:LINE:COL with the line and a caret.",
    )
    .argument("[file]", "the Markdown document ('-' for standard input)")
    .option("-i, --input <file>", "read the document from FILE ('-' for standard input)")
    .option("-o, --output <file>", "write the result to FILE instead of standard output")
    .addOption(
      new Option("--embed <how>", "diagrams as inline SVG or as SVG files beside the output")
        .choices(["inline", "file"])
        .default("inline"),
    )
    .addOption(
      new Option("--theme <theme>", "colours of fences that do not choose").choices([
        "light",
        "dark",
      ]),
    )
    .option("--keep-going", "draw an error box for a bad fence and go on (exit 0)")
    .addHelpText(
      "after",
      examples([
        "diagrad docs README.src.md -o README.md",
        "diagrad docs guide.md -o site/guide.md --embed file",
        "cat notes.md | diagrad docs - --keep-going > notes.out.md",
      ]),
    )
    .action(async (file: string | undefined, options: DocsOptions) => {
      done(await docsCommand(file, options));
    });
}
