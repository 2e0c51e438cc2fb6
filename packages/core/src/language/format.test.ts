import { describe, expect, it } from "vitest";
import { formatError, quoteSource } from "./format.js";
import { parse } from "./parser.js";
import { DiagradError, ParseError, ShapeError } from "./span.js";

function errorOf(source: string): DiagradError {
  try {
    parse(source);
  } catch (error) {
    if (error instanceof DiagradError) return error;
    throw error;
  }
  throw new Error("expected a parse error");
}

describe("formatError", () => {
  it("prints the message, the line and a caret under a one-character span", () => {
    const source = "a + )";
    expect(formatError(source, errorOf(source))).toBe(
      ["error: expected an expression after '+', found ')'", "  a + )", "      ^"].join("\n"),
    );
  });

  it("underlines a whole span", () => {
    const error = new ShapeError("shape mismatch in @", { start: 0, end: 11 });
    expect(formatError("W @ (A * B)", error)).toBe(
      ["error: shape mismatch in @", "  W @ (A * B)", "  ^^^^^^^^^^^"].join("\n"),
    );
  });

  it("lines the caret up after BMP symbols such as ∘ and ᵀ", () => {
    const source = "Aᵀ ∘ B ∘ )";
    expect(formatError(source, errorOf(source))).toBe(
      ["error: expected an expression after '∘', found ')'", "  Aᵀ ∘ B ∘ )", "           ^"].join(
        "\n",
      ),
    );
  });

  it("counts an astral character as one column", () => {
    const error = new ParseError("boom", { start: 5, end: 6 });
    expect(formatError("𝐀 + $", error).split("\n")[2]).toBe("      ^");
  });

  it("draws one caret for an empty span, e.g. at the end of the input", () => {
    const source = "a +";
    expect(formatError(source, new ParseError("here", { start: 3, end: 3 }))).toBe(
      ["error: here", "  a +", "     ^"].join("\n"),
    );
  });

  it("shows only the line holding the span's start, numbered, and clamps the carets to it", () => {
    const source = "A: [m, n];\nW @ (A\n * B)";
    const error = new ShapeError("mismatch", { start: 11, end: 22 });
    expect(formatError(source, error)).toBe(
      ["error: mismatch", "2 | W @ (A", "  | ^^^^^^"].join("\n"),
    );
  });

  it("keeps tabs in the caret line so it lines up in a terminal", () => {
    const error = new ParseError("x", { start: 2, end: 3 });
    expect(formatError("\t\tb", error)).toBe(["error: x", "  \t\tb", "  \t\t^"].join("\n"));
  });

  it("prints only the message when the error has no span", () => {
    expect(formatError("x", new DiagradError("usage", "no values given"))).toBe(
      "error: no values given",
    );
  });
});

describe("quoteSource", () => {
  it("collapses whitespace and cuts long text with an ellipsis", () => {
    expect(quoteSource("W @ (A  *\n B)", { start: 4, end: 13 })).toBe("(A * B)");
    expect(quoteSource("abcdefghij", { start: 0, end: 10 }, 5)).toBe("abcd…");
  });
});
