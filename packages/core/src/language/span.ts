/**
 * Source spans and the errors that carry them.
 *
 * Every error a user can cause (a typo, an unknown name, a shape mismatch, a bad values file) is a
 * `DiagradError` with a span into the text it came from, so the CLI can echo the line with a caret
 * under the culprit: `formatError(source, error)`.
 */

/** A half-open range `[start, end)` of UTF-16 offsets into the source text. */
export interface Span {
  start: number;
  end: number;
}

/** The span covering both `a` and `b`. */
export function join(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

/** "limit": the request is well formed but larger than a stated limit (see limits.ts). */
export type ErrorKind = "syntax" | "name" | "shape" | "arity" | "value" | "usage" | "limit";

/** An error caused by the user's input. `span` (when known) points into the source text. */
export class DiagradError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly span?: Span,
  ) {
    super(message);
    this.name = "DiagradError";
  }
}

/** Text that does not lex or parse. */
export class ParseError extends DiagradError {
  constructor(message: string, span: Span) {
    super("syntax", message, span);
    this.name = "ParseError";
  }
}

/** Shapes that do not fit together; the message names the operation and both shapes. */
export class ShapeError extends DiagradError {
  constructor(message: string, span?: Span) {
    super("shape", message, span);
    this.name = "ShapeError";
  }
}
