/**
 * Error messages for people: the message, the offending source line and a caret line under the
 * span, in the manner of KaTeX and rustc.
 *
 * Spans count UTF-16 units; columns count code points, so a caret lines up under `∘`, `ᵀ` or a
 * Greek letter (one column each) and under astral characters such as `𝐀` (two units, one column).
 * Tabs before the span are copied into the caret line so it lines up in a terminal too. For
 * multi-line sources the line is prefixed with its number.
 */
import type { DiagradError, Span } from "./span.js";

/**
 * Render an error for a terminal.
 *
 * @example
 * formatError("a + )", new ParseError("expected an expression after '+', found ')'", { start: 4, end: 5 }))
 * // "error: expected an expression after '+', found ')'\n  a + )\n      ^"
 */
export function formatError(source: string, error: DiagradError): string {
  const header = `error: ${error.message}`;
  if (error.span === undefined) return header;
  const { line, number, lineStart } = lineAt(source, error.span.start);
  const start = Math.min(Math.max(error.span.start, lineStart), lineStart + line.length);
  const end = Math.min(Math.max(error.span.end, start), lineStart + line.length);
  const lead = line.slice(0, start - lineStart);
  const indent = [...lead].map((ch) => (ch === "\t" ? "\t" : " ")).join("");
  const carets = "^".repeat(Math.max(1, [...source.slice(start, end)].length));
  const multiline = source.includes("\n");
  const gutter = multiline ? `${number} | ` : "  ";
  const blank = multiline ? `${" ".repeat(String(number).length)} | ` : "  ";
  return `${header}\n${gutter}${line}\n${blank}${indent}${carets}`;
}

/** The line containing `offset`, its 1-based number and where it starts. */
function lineAt(
  source: string,
  offset: number,
): { line: string; number: number; lineStart: number } {
  const clamped = Math.min(Math.max(offset, 0), source.length);
  const lineStart = clamped === 0 ? 0 : source.lastIndexOf("\n", clamped - 1) + 1;
  const newline = source.indexOf("\n", lineStart);
  const lineEnd = newline < 0 ? source.length : newline;
  const number = source.slice(0, lineStart).split("\n").length;
  return { line: source.slice(lineStart, lineEnd).replace(/\r$/, ""), number, lineStart };
}

/**
 * The source text of a span as an error message quotes it: whitespace collapsed, and cut to
 * `max` characters with an ellipsis.
 *
 * @example quoteSource("W @ (A  *  B)", { start: 4, end: 13 }) // "(A * B)"
 */
export function quoteSource(source: string, span: Span, max = 40): string {
  const text = source.slice(span.start, span.end).replace(/\s+/g, " ").trim();
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}
