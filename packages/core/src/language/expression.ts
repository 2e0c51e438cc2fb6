/**
 * The Pratt parser for one expression, with Python's precedence.
 *
 * From loosest to tightest: `+ -` (left) < `* / @ ⊗` (one level, left) < unary `-` < `**` (right;
 * its right operand may start with `-`, as in `x ** -1`) < postfix transposes (`.T`, `'`, `ᵀ`).
 * So `-y * z` is `(-y) * z`, `-x ** 2` is `-(x ** 2)` and `a @ b * c` is `(a @ b) * c`. A name
 * followed by `(` is a call. Nodes span exactly their own text; an operand written in parentheses
 * keeps its inner span, while the node around it covers the parentheses too.
 *
 * Nesting is limited to `MAX_DEPTH` levels, counted both as the parser's own recursion (brackets,
 * calls, unary minus, `**`) and as the depth of the tree it builds (a chain `x + x + … + x` is a
 * left-deep tree), so every later stage, which walks the tree recursively, is safe from stack
 * overflow: `"(".repeat(10000) + "x"` is a `ParseError` naming the limit, not a crash.
 */
import type { BinaryOp, Expr } from "./ast.js";
import type { TokenCursor } from "./cursor.js";
import { numpyFunction } from "./functions.js";
import { describeToken, type Token, type TokenKind } from "./lexer.js";
import { MAX_DEPTH, tooDeep } from "./limits.js";
import { ParseError, type Span } from "./span.js";

const INFIX: Partial<Record<TokenKind, { op: BinaryOp; power: number }>> = {
  "+": { op: "+", power: 10 },
  "-": { op: "-", power: 10 },
  "*": { op: "*", power: 20 },
  "/": { op: "/", power: 20 },
  "@": { op: "@", power: 20 },
  kron: { op: "kron", power: 20 },
  "**": { op: "**", power: 40 },
};
const UNARY_POWER = 30;
/* Postfix transposes bind tighter than everything, so the loop applies them unconditionally. */

/**
 * Parses expressions from a cursor. Use one instance per source text.
 *
 * @example new ExpressionParser(new TokenCursor(tokenize("-x ** 2"))).parse() // neg(x ** 2)
 */
export class ExpressionParser {
  /** The text an operand occupies, parentheses included (the node's own span excludes them). */
  private readonly extents = new Map<Expr, Span>();
  /** The depth of each node's tree, for the `MAX_DEPTH` check. */
  private readonly depths = new Map<Expr, number>();
  /** How many `parse` calls are active. */
  private nesting = 0;

  constructor(private readonly cursor: TokenCursor) {}

  /** Parse operators binding tighter than `minPower` (0 = a whole expression). */
  parse(minPower = 0): Expr {
    this.nesting += 1;
    try {
      // the outermost call is level 0: `(x)` is one level deep
      if (this.nesting > MAX_DEPTH + 1) throw tooDeep(this.cursor.peek().span);
      return this.operators(minPower);
    } finally {
      this.nesting -= 1;
    }
  }

  /** The depth of the tree under `e` (0 for a leaf). */
  depth(e: Expr): number {
    return this.depths.get(e) ?? 0;
  }

  /** Record a new node's depth; refuse it past `MAX_DEPTH`. */
  private node<E extends Expr>(e: E, children: readonly Expr[], at: Span): E {
    const depth = 1 + children.reduce((d, c) => Math.max(d, this.depth(c)), 0);
    if (depth > MAX_DEPTH) throw tooDeep(at);
    this.depths.set(e, depth);
    return e;
  }

  private operators(minPower: number): Expr {
    let left = this.prefix();
    for (;;) {
      const token = this.cursor.peek();
      if (token.kind === "transpose") {
        this.cursor.next();
        const span = this.around(left, token.span);
        left = this.node({ kind: "transpose", arg: left, span }, [left], token.span);
        continue;
      }
      const infix = INFIX[token.kind];
      if (infix === undefined || infix.power <= minPower) return left;
      this.cursor.next();
      const right = this.parse(infix.op === "**" ? UNARY_POWER : infix.power);
      const span = { start: this.extent(left).start, end: this.extent(right).end };
      const e: Expr = { kind: "binary", op: infix.op, left, right, span, opSpan: token.span };
      left = this.node(e, [left, right], token.span);
    }
  }

  private prefix(): Expr {
    const token = this.cursor.peek();
    switch (token.kind) {
      case "number":
        this.cursor.next();
        return { kind: "number", value: token.value, span: token.span };
      case "string":
        this.cursor.next();
        return { kind: "string", value: token.value, span: token.span };
      case "name":
        this.cursor.next();
        if (this.cursor.at("(")) return this.call(token);
        if (token.value.includes(".")) {
          throw new ParseError(
            `'${token.value}' is not a name of the language; NumPy's prefixes are accepted only on functions, as in np.sum(x)`,
            token.span,
          );
        }
        return { kind: "name", name: token.value, span: token.span };
      case "-": {
        this.cursor.next();
        const arg = this.parse(UNARY_POWER);
        const span = { start: token.span.start, end: this.extent(arg).end };
        return this.node({ kind: "neg", arg, span }, [arg], token.span);
      }
      case "(": {
        this.cursor.next();
        if (this.cursor.at("eof")) throw new ParseError("unclosed '('", token.span);
        const inner = this.parse();
        const close = this.close(token, "expected ')' to close '('");
        this.extents.set(inner, { start: token.span.start, end: close.span.end });
        return inner;
      }
      default:
        throw this.missingOperand(token);
    }
  }

  private call(name: { value: string; span: Span }): Expr {
    const open = this.cursor.next();
    const args: Expr[] = [];
    if (!this.cursor.at(")")) {
      if (this.cursor.at("eof")) throw new ParseError("unclosed '('", open.span);
      args.push(this.parse());
      while (this.cursor.accept(",")) args.push(this.parse());
    }
    const close = this.close(open, `expected ',' or ')' in the call to ${name.value}`);
    const span = { start: name.span.start, end: close.span.end };
    const fn = numpyFunction(name.value) ?? name.value;
    const call: Expr = { kind: "call", fn, args, span, nameSpan: name.span };
    return this.node(call, args, name.span);
  }

  /** Consume the `)` matching `open`, or explain what is there instead. */
  private close(open: Token, expectation: string): Token {
    const token = this.cursor.peek();
    if (token.kind === ")") return this.cursor.next();
    if (token.kind === "eof" || token.kind === ";") throw new ParseError("unclosed '('", open.span);
    throw new ParseError(`${expectation}, found ${describeToken(token)}`, token.span);
  }

  /** The error for a token that cannot start an expression. */
  private missingOperand(token: Token): ParseError {
    const before = this.cursor.previous();
    if (before === undefined || before.kind === ";") {
      if (token.kind === "eof") return new ParseError("empty expression", token.span);
      if (token.kind === ")") return new ParseError("unexpected ')'", token.span);
      return new ParseError(`expected an expression, found ${describeToken(token)}`, token.span);
    }
    if (token.kind === "eof") {
      return new ParseError(`expected an expression after ${describeToken(before)}`, before.span);
    }
    return new ParseError(
      `expected an expression after ${describeToken(before)}, found ${describeToken(token)}`,
      token.span,
    );
  }

  private extent(e: Expr): Span {
    return this.extents.get(e) ?? e.span;
  }

  private around(e: Expr, suffix: Span): Span {
    return { start: this.extent(e).start, end: suffix.end };
  }
}
