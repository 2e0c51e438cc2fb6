/**
 * The statement parser: declarations, then one expression.
 *
 * A program is `;`-separated statements. A statement is a declaration exactly when it starts with
 * `name (, name)* :`, as in `A, B: [m, n]`; its dimensions are positive integers or symbols, and
 * `[]` declares a scalar. The last statement is the body (a trailing `;` is fine) and is parsed by
 * the Pratt `ExpressionParser`. Newlines are ordinary whitespace.
 */
import type { Declaration, DeclaredDim, Expr, Program } from "./ast.js";
import { TokenCursor } from "./cursor.js";
import { ExpressionParser } from "./expression.js";
import { describeToken, tokenize } from "./lexer.js";
import { ParseError } from "./span.js";

/**
 * Parse a program: optional declarations followed by the expression.
 *
 * @example parse("x: [n]; x * x").declarations[0].dims // ["n"]
 */
export function parse(source: string): Program {
  const cursor = new TokenCursor(tokenize(source));
  const expressions = new ExpressionParser(cursor);
  const declarations: Declaration[] = [];
  let body: Expr | undefined;
  for (;;) {
    while (cursor.accept(";")) {}
    if (cursor.at("eof")) break;
    if (body !== undefined && startsDeclaration(cursor)) {
      const late = parseDeclaration(cursor);
      throw new ParseError("declarations must come before the expression", late.span);
    }
    if (body !== undefined) {
      throw new ParseError(
        "only the last statement can be an expression; declarations look like 'A, B: [m, n]'",
        body.span,
      );
    }
    if (startsDeclaration(cursor)) {
      declarations.push(parseDeclaration(cursor));
      const next = cursor.peek();
      if (next.kind !== ";" && next.kind !== "eof") {
        throw new ParseError(
          `expected ';' after the declaration, found ${describeToken(next)}`,
          next.span,
        );
      }
      continue;
    }
    body = expressions.parse();
    expectSeparator(cursor);
  }
  if (body === undefined) {
    const end = cursor.peek().span;
    const message =
      declarations.length > 0
        ? "expected an expression after the declarations"
        : "empty expression";
    throw new ParseError(message, end);
  }
  return { source, declarations, body };
}

/** `name (, name)* :` lies ahead. */
function startsDeclaration(cursor: TokenCursor): boolean {
  let offset = 0;
  for (;;) {
    if (cursor.peek(offset).kind !== "name") return false;
    const after = cursor.peek(offset + 1).kind;
    if (after === ":") return true;
    if (after !== ",") return false;
    offset += 2;
  }
}

function parseDeclaration(cursor: TokenCursor): Declaration {
  const names: Declaration["names"] = [];
  do {
    const token = cursor.next();
    if (token.kind === "name") names.push({ name: token.value, span: token.span });
  } while (cursor.accept(","));
  const colon = cursor.next();
  const open = cursor.peek();
  if (open.kind !== "[") {
    throw new ParseError(`expected '[' after ':', found ${describeToken(open)}`, open.span);
  }
  cursor.next();
  const dims: DeclaredDim[] = [];
  while (!cursor.at("]")) {
    if (dims.length > 0 && !cursor.accept(",")) throw unclosedOr(cursor, open.span, "',' or ']'");
    dims.push(parseDim(cursor, open.span));
  }
  const close = cursor.next();
  const first = names[0]?.span ?? colon.span;
  return { names, dims, span: { start: first.start, end: close.span.end } };
}

function parseDim(cursor: TokenCursor, open: { start: number; end: number }): DeclaredDim {
  const token = cursor.peek();
  if (token.kind === "name") {
    cursor.next();
    return token.value;
  }
  if (token.kind === "number") {
    cursor.next();
    if (!Number.isInteger(token.value) || token.value < 1) {
      throw new ParseError(
        `a dimension must be a positive integer or a symbol, got ${token.text}`,
        token.span,
      );
    }
    return token.value;
  }
  throw unclosedOr(cursor, open, "a dimension (a positive integer or a symbol)");
}

/** "unclosed '['" at end of input, otherwise "expected …, found …" at the token. */
function unclosedOr(
  cursor: TokenCursor,
  open: { start: number; end: number },
  expected: string,
): ParseError {
  const token = cursor.peek();
  if (token.kind === "eof" || token.kind === ";") return new ParseError("unclosed '['", open);
  return new ParseError(`expected ${expected}, found ${describeToken(token)}`, token.span);
}

/** After a statement: `;` or the end; anything else is text the grammar cannot place. */
function expectSeparator(cursor: TokenCursor): void {
  const token = cursor.peek();
  if (token.kind === ";" || token.kind === "eof") return;
  if (token.kind === ")") throw new ParseError("unexpected ')'", token.span);
  throw new ParseError(
    `unexpected ${describeToken(token)} after the expression (missing an operator?)`,
    token.span,
  );
}
