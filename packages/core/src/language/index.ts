/**
 * The expression language: tokens, the parser, error formatting and shape inference.
 *
 * `analyze(parse("A, B: [m, n]; W: [p, m]; W @ (A * B)"))` parses a program and infers the shape
 * of every node; `formatError(source, error)` renders any `DiagradError` with a caret.
 */
export type { BinaryOp, Declaration, DeclaredDim, Expr, Program } from "./ast.js";
export { constantValue } from "./constant.js";
export {
  type Dim,
  dimFactors,
  dimSize,
  formatShape,
  multiplyDims,
  productDim,
  type Shape,
} from "./dims.js";
export { parseSubscripts, type Subscripts } from "./einsum.js";
export { formatError, quoteSource } from "./format.js";
export {
  arityMessage,
  FUNCTIONS,
  type FunctionInfo,
  type FunctionName,
  lookupFunction,
  suggestFunction,
} from "./functions.js";
export { describeToken, type Token, type TokenKind, tokenize } from "./lexer.js";
export { parse } from "./parser.js";
export { type Analysis, analyze, type Given } from "./shapes.js";
export { DiagradError, type ErrorKind, join, ParseError, ShapeError, type Span } from "./span.js";
