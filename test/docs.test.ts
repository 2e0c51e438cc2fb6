/**
 * The Markdown transform and the remark plugin of @diagrad/embed on one document with good and
 * bad ```diagrad fences — at the top level, in a list and in a block quote. Positions of messages
 * are checked against where the culprit's text sits in the document (found here with indexOf);
 * formulas against ones worked out by hand; everything outside the fences must come out byte for
 * byte.
 */
import rehypeStringify from "rehype-stringify";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { VFile } from "vfile";
import { describe, expect, test } from "vitest";
import {
  defaultSettings,
  formatMessage,
  parseSetting,
  readFence,
  remarkDiagrad,
  transformMarkdown,
} from "../packages/embed/src/index.js";

const fence = (...lines: string[]) => ["```diagrad", ...lines, "```"].join("\n");
/** `text` with `prefix` before each line, as in a list item or a block quote. */
const prefixed = (prefix: string, text: string) => text.replace(/^/gm, prefix);

const document = [
  "# Notes",
  "",
  "Some *emphasis*, a [link](other.md) and * a star list:",
  "",
  fence("x * y * z", "wrt: x"),
  "",
  "* item one",
  "* item two:",
  "",
  prefixed("  ", fence("A, B: [m, n]; W: [p, m]; W @ (A * foo(B))", "wrt: A")),
  "",
  prefixed("  ", fence("tanh(x)", "wrt: x")),
  "",
  prefixed("> ", fence("(A @ z) * tanh(B @ z)", "wrt: z", "order: zwei")),
  "",
  fence("x @ A @ x", "wrt: x", "order: 2", "steps: list"),
  "",
  fence("sum(x)", "wrt: q"),
  "",
  fence("tr(<script>alert(1)</script>)"),
  "",
  "The end.",
  "",
].join("\n");

/** 1-based line and column of the `nth` occurrence of `text` in the document. */
function at(text: string, nth = 1): { line: number; column: number } {
  let offset = -1;
  for (let k = 0; k < nth; k++) offset = document.indexOf(text, offset + 1);
  const before = document.slice(0, offset).split("\n");
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

describe("transformMarkdown", () => {
  test("draws the good fences, boxes the bad ones and keeps the rest of the document as written", async () => {
    const { markdown, file } = await transformMarkdown(
      { path: "notes.md", value: document },
      { keepGoing: true },
    );
    expect(markdown.match(/<figure class="diagrad"><svg /g)).toHaveLength(4);
    expect(markdown).toContain("`Γ = Diag(y ∘ z)`");
    expect(markdown).toContain("`Γ = A + Aᵀ`"); // ∂²xᵀAx/∂x²
    expect(markdown).toContain("1. expression\n2. differentiate by x");
    for (const kept of [
      "# Notes\n\nSome *emphasis*, a [link](other.md) and * a star list:\n\n",
      "\n\n* item one\n* item two:\n\n  ",
      "\n\nThe end.\n",
    ]) {
      expect(markdown).toContain(kept);
    }
    // the list item's diagram stays in the item; the block quote's error box stays quoted
    expect(markdown).toMatch(
      /\n {2}<div class="diagrad-error" role="alert">[^\n]*<\/div>\n\n {2}<figure/,
    );
    expect(markdown).toMatch(
      /\n {2}<figure class="diagrad"><svg [^\n]*<\/svg><\/figure>\n\n {2}`Γ(\[[^\]]*\])? = /,
    );
    expect(markdown).toMatch(/\n> <div class="diagrad-error" role="alert">/);
    expect(markdown).not.toContain("<script>");
    expect(markdown).toContain("tr(&lt;script&gt;alert(1)&lt;/script&gt;)");
    expect(markdown).not.toContain("```diagrad");

    const messages = file.messages.map((m) => ({
      line: m.line,
      column: m.column,
      rule: m.ruleId,
      source: m.source,
      reason: m.reason,
    }));
    expect(messages).toEqual([
      {
        ...at("foo("),
        rule: "bad-fence",
        source: "diagrad",
        reason: expect.stringMatching(/unknown function .foo./),
      },
      {
        ...at("zwei"),
        rule: "bad-fence",
        source: "diagrad",
        reason: expect.stringMatching(/order/),
      },
      {
        ...at("q", 1 + (document.slice(0, document.indexOf("wrt: q")).match(/q/g)?.length ?? 0)),
        rule: "zero-derivative",
        source: "diagrad",
        reason: expect.stringMatching(/zero/),
      },
      {
        ...at("<script>"),
        rule: "bad-fence",
        source: "diagrad",
        reason: expect.stringMatching(/</),
      },
    ]);
    expect(file.messages.every((m) => m.fatal !== true)).toBe(true);
  });

  test("formats a message as FILE:LINE:COL with the document's line and a caret under the culprit", async () => {
    const { file } = await transformMarkdown(
      { path: "notes.md", value: document },
      { keepGoing: true },
    );
    const { line, column } = at("zwei");
    const text = formatMessage(document, file.messages[1], "notes.md");
    const [heading, echoed, carets] = text.split("\n");
    expect(heading).toBe(
      `notes.md:${line}:${column}: error: the order must be a positive integer, like 1 or 2`,
    );
    expect(echoed).toBe(`  ${line} | > order: zwei`);
    expect(carets.indexOf("^") - echoed.indexOf("|")).toBe(
      echoed.indexOf("zwei") - echoed.indexOf("|"),
    );
    expect(carets.replace(/\s/g, "")).toBe("|^^^^");
  });

  test("with embed: file, links images and hands their SVG over", async () => {
    const { markdown, images } = await transformMarkdown(fence("x * y * z", "wrt: x"), {
      embed: "file",
      imageDir: "out-diagrams",
    });
    expect(markdown).toBe("![∂(x \\* y \\* z)/∂x](out-diagrams/1.svg)\n\n`Γ = Diag(y ∘ z)`");
    expect(images.map((i) => [i.name, i.url])).toEqual([["1.svg", "out-diagrams/1.svg"]]);
    expect(images[0].svg).toMatch(
      /^<svg [^\n]*<title id="diagrad-1-title">∂\(x \* y \* z\)\/∂x<\/title>/,
    );
  });
});

describe("remarkDiagrad in a unified pipeline", () => {
  const html = (options: Parameters<typeof remarkDiagrad>[0]) =>
    unified()
      .use(remarkParse)
      .use(remarkDiagrad, options)
      .use(remarkRehype, { allowDangerousHtml: true })
      .use(rehypeStringify, { allowDangerousHtml: true });

  test("fails the file at the first bad fence, like rehype-katex", async () => {
    const file = new VFile({ path: "notes.md", value: document });
    const failure = await html({})
      .process(file)
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failure).toMatchObject({
      fatal: true,
      source: "diagrad",
      ruleId: "bad-fence",
      line: at("foo(").line,
      column: at("foo(").column,
      file: "notes.md",
    });
  });

  test("with keepGoing, renders HTML with the SVGs and error boxes and reports every problem", async () => {
    const file = await html({ keepGoing: true, idPrefix: "notes" }).process(
      new VFile({ path: "notes.md", value: document }),
    );
    const out = String(file);
    expect(out.match(/<svg /g)).toHaveLength(4);
    expect(out.match(/class="diagrad-error"/g)).toHaveLength(3);
    expect(out).toContain('<title id="notes-1-title">∂(x * y * z)/∂x</title>');
    expect(out).toContain("<code>Γ = Diag(y ∘ z)</code>");
    expect(out).not.toContain("<script>");
    expect(file.messages.map((m) => m.line)).toEqual([
      at("foo(").line,
      at("zwei").line,
      at("wrt: q").line,
      at("<script>").line,
    ]);
  });
});

describe("fence options", () => {
  test("are read from the lines after the expression", () => {
    const f = readFence("x @ A @ x\nwrt: x\norder: 2\ntheme: dark\nshape: A=n,n; x=n\nsteps: list");
    expect(f.source).toBe("x @ A @ x");
    expect(f.settings).toEqual({
      wrt: "x",
      order: 2,
      theme: "dark",
      shapes: { A: ["n", "n"], x: ["n"] },
      steps: "list",
    });
    expect(f.values.order).toEqual({ line: 2, start: 7, end: 8 });
  });

  test("point at the culprit when wrong", () => {
    const culprit = (text: string) => {
      try {
        readFence(text);
      } catch (error) {
        const { range, message } = error as {
          range: { line: number; start: number; end: number };
          message: string;
        };
        return { text: text.split("\n")[range.line].slice(range.start, range.end), message };
      }
      return undefined;
    };
    expect(culprit("x\ncolour: red")).toEqual({
      text: "colour",
      message: expect.stringMatching(/unknown option 'colour'/),
    });
    expect(culprit("x\nshape: A=m,n; B=2,0")).toEqual({
      text: "B=2,0",
      message: expect.stringMatching(/'0' is not a dimension/),
    });
    expect(culprit("x\nthis is not an option")).toEqual({
      text: "this is not an option",
      message: expect.stringMatching(/option line/),
    });
    expect(culprit("x\nwrt: x\nwrt: y")?.text).toBe("wrt");
    expect(culprit("x\ntoString: 1")?.text).toBe("toString");
  });

  test("share one schema with the element's attributes", () => {
    expect(parseSetting(defaultSettings, "order", "3").order).toBe(3);
    expect(() => parseSetting(defaultSettings, "theme", "sepia")).toThrow(/unknown theme 'sepia'/);
  });
});
