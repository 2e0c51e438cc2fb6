/**
 * A read position in a token list, shared by the expression parser and the statement parser.
 *
 * The cursor never moves past the final `eof` token, so a parser can always `peek()` safely, and
 * it remembers the previous token so errors can say what came before ("after '+'").
 */
import type { Token, TokenKind } from "./lexer.js";

/**
 * A cursor over `tokenize(source)`.
 *
 * @example const c = new TokenCursor(tokenize("a + b")); c.next(); c.peek().kind // "+"
 */
export class TokenCursor {
  private index = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  /** The token `offset` places ahead (0 = the current one); `eof` past the end. */
  peek(offset = 0): Token {
    const last = this.tokens.length - 1;
    return this.tokens[Math.min(this.index + offset, last)] as Token;
  }

  /** The token before the current one, if any. */
  previous(): Token | undefined {
    return this.index > 0 ? this.tokens[this.index - 1] : undefined;
  }

  /** Consume and return the current token. */
  next(): Token {
    const token = this.peek();
    if (token.kind !== "eof") this.index += 1;
    return token;
  }

  /** Consume the current token if it has this kind. */
  accept(kind: TokenKind): Token | undefined {
    return this.peek().kind === kind ? this.next() : undefined;
  }

  /** True when the current token has this kind. */
  at(kind: TokenKind): boolean {
    return this.peek().kind === kind;
  }
}
