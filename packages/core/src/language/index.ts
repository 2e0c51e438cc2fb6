/**
 * The expression language: tokens, the parser, error formatting and shape inference.
 *
 * `analyze(parse("A, B: [m, n]; W: [p, m]; W @ (A * B)"))` parses a program and infers the shape
 * of every node; `formatError(source, error)` renders any `DiagradError` with a caret.
 */
export type { BinaryOp, Binding, Declaration, DeclaredDim, Expr, Program } from "./ast.js";
export { matrixPowerExponent } from "./calls.js";
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
  numpyFunction,
} from "./functions.js";
export { describeToken, isIdentifier, type Token, type TokenKind, tokenize } from "./lexer.js";
export { MAX_DEPTH, MAX_DIMENSION, MAX_EXPANDED, MAX_MATRIX_POWER } from "./limits.js";
export { parse } from "./parser.js";
export { type Analysis, analyze, type BindingInfo, type Given } from "./shapes.js";
export { DiagradError, type ErrorKind, join, ParseError, ShapeError, type Span } from "./span.js";
export { functionHint, suggestFunction } from "./suggest.js";
export { checkVariableName } from "./wrt.js";
