import { describe, expect, it } from "vitest";
import { describeToken, tokenize } from "./lexer.js";
import { ParseError } from "./span.js";

const kinds = (source: string) => tokenize(source).map((t) => t.kind);

function lexError(source: string): ParseError {
  try {
    tokenize(source);
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error(`expected ${source} not to lex`);
}

describe("tokenize", () => {
  it("reads every number form as its value", () => {
    const numbers = tokenize("2 0.5 .5 1e-3 2.5E+2 3.").filter((t) => t.kind === "number");
    expect(numbers.map((t) => (t.kind === "number" ? t.value : Number.NaN))).toEqual([
      2, 0.5, 0.5, 0.001, 250, 3,
    ]);
  });

  it("reads names with Unicode letters, digits and underscores", () => {
    const names = tokenize("x_1 Σ αβ W2 _h").filter((t) => t.kind === "name");
    expect(names.map((t) => t.text)).toEqual(["x_1", "Σ", "αβ", "W2", "_h"]);
  });

  it("gives each token its exact UTF-16 span and ends with eof", () => {
    const tokens = tokenize("ab ** 𝐀");
    expect(tokens.map((t) => [t.kind, t.span.start, t.span.end])).toEqual([
      ["name", 0, 2],
      ["**", 3, 5],
      ["name", 6, 8],
      ["eof", 8, 8],
    ]);
  });

  it("reads all ASCII operators and punctuation", () => {
    expect(kinds("+ - * / @ ** ( ) [ ] , : ;")).toEqual([
      "+",
      "-",
      "*",
      "/",
      "@",
      "**",
      "(",
      ")",
      "[",
      "]",
      ",",
      ":",
      ";",
      "eof",
    ]);
  });

  it("maps the Unicode spellings onto the ASCII operators and keeps the source text", () => {
    const tokens = tokenize("a ∘ b ⊙ c ⊗ d − e");
    expect(tokens.map((t) => t.kind)).toEqual([
      "name",
      "*",
      "name",
      "*",
      "name",
      "kron",
      "name",
      "-",
      "name",
      "eof",
    ]);
    expect(tokens[1]?.text).toBe("∘");
  });

  it("reads .T, ᵀ and a quote after an operand as transposes", () => {
    expect(kinds("A.T Aᵀ A' (A)' A'' 2.T")).toEqual([
      "name",
      "transpose",
      "name",
      "transpose",
      "name",
      "transpose",
      "(",
      "name",
      ")",
      "transpose",
      "name",
      "transpose",
      "transpose",
      "number",
      "transpose",
      "eof",
    ]);
  });

  it("reads a quote that does not follow an operand as the start of a string", () => {
    const tokens = tokenize("einsum('ij,jk->ik', A', B)");
    expect(tokens.map((t) => t.kind)).toEqual([
      "name",
      "(",
      "string",
      ",",
      "name",
      "transpose",
      ",",
      "name",
      ")",
      "eof",
    ]);
    const string = tokens[2];
    expect(string?.kind === "string" && string.value).toBe("ij,jk->ik");
    expect(string?.span).toEqual({ start: 7, end: 18 });
  });

  it("reads double-quoted strings", () => {
    const [string] = tokenize('"ii->"');
    expect(string?.kind === "string" && string.value).toBe("ii->");
  });

  it("treats newlines and tabs as whitespace", () => {
    expect(kinds("a\n+\tb")).toEqual(["name", "+", "name", "eof"]);
  });

  it("rejects an unknown character with its span and a hint where one helps", () => {
    const error = lexError("x ^ 2");
    expect(error.message).toBe("unexpected character '^'; use ** for powers");
    expect(error.span).toEqual({ start: 2, end: 3 });
    expect(lexError("a $ b").message).toBe("unexpected character '$'");
  });

  it("rejects an unterminated string, spanning the rest of the line", () => {
    const error = lexError("einsum('ij, A)");
    expect(error.message).toBe("unterminated string");
    expect(error.span).toEqual({ start: 7, end: 14 });
  });

  it("rejects a number run into a name", () => {
    const error = lexError("2x + 1");
    expect(error.message).toBe("invalid number '2x'");
    expect(error.span).toEqual({ start: 0, end: 2 });
  });

  it("rejects a dot that is neither a decimal point nor .T", () => {
    expect(lexError("A.Tx").message).toBe("unexpected character '.'");
  });
});

describe("describeToken", () => {
  it("quotes operators and names, prints numbers and names the end of input", () => {
    const tokens = tokenize("+ x 2");
    expect(tokens.map(describeToken)).toEqual(["'+'", "'x'", "2", "end of input"]);
  });
});
