/**
 * The language's stated limits, each refused with an error that names it.
 *
 * - `MAX_DEPTH`: nesting of the syntax tree (brackets, calls, unary minus, operator chains), with
 *   bindings substituted. Every stage after the parser walks the tree recursively, so this is what
 *   keeps hostile input such as `"(".repeat(10000) + "x"` from overflowing the stack.
 * - `MAX_DIMENSION`: a dimension written as a number (`x: [1e9]`, `eye(1e9)`, `--shape x=1e9`).
 *   One axis of that size is 800 MB of float64 values.
 * - `MAX_EXPANDED`: the size of the expression once bindings are substituted, since each use of a
 *   binding copies it for now (`h2 = h1 * h1; h3 = h2 * h2; …` doubles at each step).
 * - `MAX_MATRIX_POWER`: the exponent of `matrix_power`, built as a chain of products.
 */
import { DiagradError, ParseError, ShapeError, type Span } from "./span.js";

/** @example MAX_DEPTH // 200 */
export const MAX_DEPTH = 200;

/** @example MAX_DIMENSION // 100000000 */
export const MAX_DIMENSION = 100_000_000;

/** @example MAX_EXPANDED // 20000 */
export const MAX_EXPANDED = 20_000;

/** @example MAX_MATRIX_POWER // 64 */
export const MAX_MATRIX_POWER = 64;

/**
 * The error for nesting past `MAX_DEPTH`, at `span`.
 *
 * @example tooDeep({ start: 0, end: 1 }).message // "the expression nests more than 200 levels deep …"
 */
export function tooDeep(span: Span, what = "the expression"): ParseError {
  return new ParseError(
    `${what} nests more than ${MAX_DEPTH} levels deep (each bracket, call, unary minus and operator in a chain is a level); this is diagrad's limit`,
    span,
  );
}

/**
 * A dimension written as a number, checked: a positive integer of at most `MAX_DIMENSION`.
 * `what` names it in the message ("a dimension", "eye's size argument"); without a span (a shape
 * given through the API or `--shape`) the error is a usage error.
 *
 * @example checkedDimension(3, "3", span, "a dimension") // 3
 * @example checkedDimension(1e9, "1e9", span, "a dimension") // ShapeError: 1e9 is too large for a dimension: …
 */
export function checkedDimension(
  value: number,
  text: string,
  span: Span | undefined,
  what: string,
) {
  if (!Number.isInteger(value) || value < 1) {
    const message = `${what} must be a positive integer or a symbol, got ${text}`;
    throw span ? new ParseError(message, span) : new DiagradError("usage", message);
  }
  if (value > MAX_DIMENSION) {
    const message = `${text} is too large for ${what}: diagrad takes at most ${MAX_DIMENSION} (10^8) entries per axis`;
    throw span ? new ShapeError(message, span) : new DiagradError("usage", message);
  }
  return value;
}
