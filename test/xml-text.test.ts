/**
 * Text that reaches SVG or HTML is valid XML as well as escaped: control characters, U+FFFE/FFFF
 * and unpaired surrogates in a title, a description, an id or an error message become U+FFFD.
 * The oracle is XML 1.0's `Char` production, read code point by code point (not the regex the
 * code uses), and the test suite's own strict XML parser.
 */
import { escapeHtml, transformMarkdown } from "@diagrad/embed";
import { renderSvg } from "@diagrad/render";
import { describe, expect, test } from "vitest";
import { isXmlText } from "../scripts/hostile/judge.mjs";
import { descendants, parseXml } from "./support/xml.js";

const hostile = "a\u0000b\u0001c\u001f\ufffe\uffff\ud800d\udfffe\u000bf\u000c<&>\"'\t\n\r😀";

describe("SVG text is valid XML", () => {
  test("a title, description and id full of control characters", async () => {
    const svg = await renderSvg("x * y", { title: hostile, description: hostile, id: hostile });
    expect(isXmlText(svg)).toBe(true);
    const root = parseXml(svg);
    const title = descendants(root).find((e) => e.name === "title");
    // every forbidden character is U+FFFD; the rest (markup, tab, line breaks, the astral emoji) stay
    const text = title?.text ?? "";
    expect(
      text.startsWith("a\ufffdb\ufffdc\ufffd\ufffd\ufffd\ufffdd\ufffde\ufffdf\ufffd<&>\"'\t"),
    ).toBe(true);
    expect(text.endsWith("😀")).toBe(true);
  });

  test("an expression whose name has an unpaired surrogate is refused or drawn validly", async () => {
    const svg = await renderSvg("x * y", { title: "\ud83d" }).catch((e: Error) => e.message);
    expect(isXmlText(svg)).toBe(true);
  });
});

describe("HTML text is valid XML", () => {
  test("escapeHtml replaces what XML cannot hold and escapes markup", () => {
    expect(escapeHtml("\u0000<b>\ud800&'\"")).toBe("\ufffd&lt;b&gt;\ufffd&amp;&#39;&quot;");
  });

  test("an error box quoting a fence with a NUL is valid XML text", async () => {
    const { markdown } = await transformMarkdown("```diagrad\nx \u0000 y\n```\n", {
      keepGoing: true,
    });
    const box = markdown.match(/<pre[\s\S]*?<\/pre>/)?.[0] ?? "";
    expect(box).not.toBe("");
    expect(isXmlText(box)).toBe(true);
  });
});
