/**
 * The statement parser: declarations, then one expression.
 *
 * A program is `;`-separated statements. A statement is a declaration exactly when it starts with
 * `name (, name)* :`, as in `A, B: [m, n]`; its dimensions are positive integers (at most
 * `MAX_DIMENSION`) or symbols, and `[]` declares a scalar. A statement `name = expr` is a binding,
 * as in a NumPy script. The last statement is the body (a trailing `;` is fine); expressions are
 * parsed by the Pratt `ExpressionParser`. Newlines are ordinary whitespace.
 */
import type { Binding, Declaration, DeclaredDim, Expr, Program } from "./ast.js";
import { TokenCursor } from "./cursor.js";
import { ExpressionParser } from "./expression.js";
import { describeToken, isIdentifier, tokenize } from "./lexer.js";
import { checkedDimension } from "./limits.js";
import { ParseError } from "./span.js";

/**
 * Parse a program: declarations and bindings (`h = expr`, in any order), then the expression.
 *
 * @example parse("x: [n]; x * x").declarations[0].dims // ["n"]
 * @example parse("h = 2 * x; h * h").bindings[0].name // "h"
 */
export function parse(source: string): Program {
  const cursor = new TokenCursor(tokenize(source));
  const expressions = new ExpressionParser(cursor);
  const declarations: Declaration[] = [];
  const bindings: Binding[] = [];
  let body: Expr | undefined;
  for (;;) {
    while (cursor.accept(";")) {}
    if (cursor.at("eof")) break;
    if (body !== undefined && startsDeclaration(cursor)) {
      const late = parseDeclaration(cursor);
      throw new ParseError("declarations must come before the expression", late.span);
    }
    if (body !== undefined) {
      const hint = startsBinding(cursor)
        ? "; bindings 'h = …' come before it"
        : "; declarations look like 'A, B: [m, n]'";
      throw new ParseError(`only the last statement can be an expression${hint}`, body.span);
    }
    if (startsDeclaration(cursor)) {
      declarations.push(parseDeclaration(cursor));
      expectEndOf(cursor, "declaration");
      continue;
    }
    if (startsBinding(cursor)) {
      bindings.push(parseBinding(cursor, expressions));
      expectEndOf(cursor, "binding");
      continue;
    }
    body = expressions.parse();
    expectSeparator(cursor);
  }
  if (body === undefined) {
    const end = cursor.peek().span;
    const message =
      declarations.length + bindings.length > 0
        ? `expected an expression after the ${bindings.length > 0 ? "bindings" : "declarations"}`
        : "empty expression";
    throw new ParseError(message, end);
  }
  return { source, declarations, bindings, body };
}

/** `name =` lies ahead. */
function startsBinding(cursor: TokenCursor): boolean {
  return cursor.peek().kind === "name" && cursor.peek(1).kind === "=";
}

function parseBinding(cursor: TokenCursor, expressions: ExpressionParser): Binding {
  const name = cursor.next();
  cursor.next();
  if (name.kind !== "name" || !isIdentifier(name.value)) {
    throw new ParseError(`cannot bind '${name.text}': a binding's name is a plain name`, name.span);
  }
  if (cursor.at(";") || cursor.at("eof")) {
    throw new ParseError(`expected an expression after '${name.value} ='`, cursor.peek().span);
  }
  const value = expressions.parse();
  const span = { start: name.span.start, end: value.span.end };
  return { name: name.value, nameSpan: name.span, value, span };
}

/** After a declaration or binding: `;` or the end. */
function expectEndOf(cursor: TokenCursor, what: string): void {
  const next = cursor.peek();
  if (next.kind !== ";" && next.kind !== "eof") {
    throw new ParseError(`expected ';' after the ${what}, found ${describeToken(next)}`, next.span);
  }
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
    return checkedDimension(token.value, token.text, token.span, "a dimension");
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
  if (token.kind === "=") {
    throw new ParseError("only a name can be bound, as in 'h = tanh(W @ x); …'", token.span);
  }
  throw new ParseError(
    `unexpected ${describeToken(token)} after the expression (missing an operator?)`,
    token.span,
  );
}
