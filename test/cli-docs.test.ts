/**
 * `diagrad docs` as a user runs it: the real binary on a Markdown file with good and bad fences.
 * Inline and file embeds, standard input and output, the `IN.md:LINE:COL` error with the line and
 * a caret under the culprit (exit 1, nothing written), `--keep-going` (error box, exit 0, messages
 * still on stderr) and usage errors (exit 2). Positions are found in the input with indexOf.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { run, runs, scratch } from "./support/cli.js";

const { dir, file } = scratch();
const fence = (...lines: string[]) => ["```diagrad", ...lines, "```"].join("\n");
/** `text` with `prefix` before each line, as in a list item or a block quote. */
const prefixed = (prefix: string, text: string) => text.replace(/^/gm, prefix);
const good = [
  "# Seeds",
  "",
  "Diag(y ∘ z):",
  "",
  fence("x * y * z", "wrt: x"),
  "",
  "The end.",
  "",
].join("\n");
const bad = [
  "# Seeds",
  "",
  fence("x * y * z", "wrt: x"),
  "",
  "- in a list:",
  "",
  prefixed("  ", fence("W @ (A ∘ frob(B))", "wrt: A")),
  "",
].join("\n");

/** 1-based line and column of `text` in `document`. */
function at(document: string, text: string): { line: number; column: number } {
  const before = document.slice(0, document.indexOf(text)).split("\n");
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

describe("diagrad docs", () => {
  test("replaces a fence with inline SVG and the formula, leaving the rest as written", () => {
    const input = file("good.md", good);
    const output = join(dir, "good.out.md");
    const r = run(["docs", input, "-o", output]);
    expect([r.status, r.stdout, r.stderr]).toEqual([0, "", ""]);
    const md = readFileSync(output, "utf8");
    expect(md.startsWith('# Seeds\n\nDiag(y ∘ z):\n\n<figure class="diagrad"><svg ')).toBe(true);
    expect(md).toContain('<title id="diagrad-1-title">∂(x * y * z)/∂x</title>');
    expect(md.endsWith("</svg></figure>\n\n`Γ = Diag(y ∘ z)`\n\nThe end.\n")).toBe(true);
  });

  test("with --embed file, writes OUT-diagrams/1.svg and links it relatively", () => {
    const input = file("file.md", good);
    const output = join(dir, "site", "page.md");
    run(["docs", input, "-o", join(dir, "site", "placeholder.md")]); // makes dir/site
    const r = run(["docs", input, "-o", output, "--embed", "file", "--theme", "dark"]);
    expect(r.status).toBe(0);
    const md = readFileSync(output, "utf8");
    expect(md).toContain("![∂(x \\* y \\* z)/∂x](page-diagrams/1.svg)\n\n`Γ = Diag(y ∘ z)`");
    const svg = readFileSync(join(dir, "site", "page-diagrams", "1.svg"), "utf8");
    expect(svg).toMatch(/^<svg [\s\S]*fill="#0d1117"[\s\S]*<\/svg>\n$/); // the dark background
  });

  test("reads standard input and writes standard output", () => {
    const r = run(["docs", "-"], { input: good });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("`Γ = Diag(y ∘ z)`");
    expect(run(["docs", "-i", "-"], { input: good }).stdout).toBe(r.stdout);
  });

  test("a bad fence: IN.md:LINE:COL, the line and a caret under the culprit, exit 1, nothing written", () => {
    const input = file("bad.md", bad);
    const output = join(dir, "bad.out.md");
    const r = run(["docs", input, "-o", output]);
    expect(r.status).toBe(1);
    const { line, column } = at(bad, "frob");
    const lines = r.stderr.split("\n");
    expect(lines[0].startsWith(`${input}:${line}:${column}: error: unknown function 'frob'`)).toBe(
      true,
    );
    expect(lines[1]).toBe(`  ${line} |   W @ (A ∘ frob(B))`);
    expect(lines[2].indexOf("^") - lines[2].indexOf("|")).toBe(
      [...lines[1].slice(lines[1].indexOf("|"), lines[1].indexOf("frob"))].length,
    );
    expect(lines[2].trimEnd().endsWith("^^^^")).toBe(true);
    expect(r.stderr).toMatch(/1 bad diagrad fence; nothing written/);
    expect(existsSync(output)).toBe(false);
    expect(r.stdout).toBe("");
  });

  test("--keep-going draws an error box in place, exits 0 and still reports on stderr", () => {
    const input = file("keep.md", bad);
    const r = run(["docs", input, "--keep-going"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(
      `${input}:${at(bad, "frob").line}:${at(bad, "frob").column}: error: unknown function 'frob'`,
    );
    expect(r.stdout).toContain("`Γ = Diag(y ∘ z)`");
    expect(r.stdout).toMatch(
      /\n {2}<div class="diagrad-error" role="alert">[^\n]*unknown function &#39;frob&#39;[^\n]*<\/div>\n/,
    );
  });

  test("usage and I/O errors exit 2", () => {
    expect(run(["docs", join(dir, "missing.md")])).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/cannot read input file .*missing\.md.*no such file/),
    });
    expect(run(["docs", file("e.md", good), "--embed", "file"])).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/--embed file .* give -o OUT\.md/),
    });
    expect(run(["docs"])).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/no document/),
    });
    expect(run(["docs", "a.md", "--embed", "pdf"]).status).toBe(2);
    expect(run(["docs", "--help"]).stdout).toMatch(/diagrad docs README\.src\.md -o README\.md/);
  });

  test("never prints a stack trace", () => {
    for (const r of runs) expect(r.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
  });
});
