/**
 * The lexer: source text → tokens, each with the exact span it came from.
 *
 * Numbers (`2`, `0.5`, `.5`, `1e-3`), names (Unicode letters, digits and `_`, not starting with a
 * digit, so Greek names work), single- and double-quoted strings, the operators `+ - * / @ ** ⊗`
 * and the punctuation `( ) [ ] , : ;`. Unicode spellings map onto the ASCII ones: `∘` and `⊙` are
 * `*`, `−` (U+2212) is `-`, `⊗` is the Kronecker product, and `.T`, `ᵀ` and `'` are postfix
 * transposes. The apostrophe follows MATLAB: after a token that ends an operand it is a transpose,
 * elsewhere it opens a string, so `einsum('ij,jk->ik', A', B)` lexes as intended. NumPy's
 * prefixes join the name after them into one dotted name (`np.sum`, `np.linalg.inv`), which only
 * a call accepts. A character the language lacks is refused with a hint from `habits.ts`.
 */
import { characterHint } from "./habits.js";
import { ParseError, type Span } from "./span.js";

/** What a token is: a literal, a name, a transpose, end of input, or an operator (`"kron"` for `⊗`). */
export type TokenKind =
  | "number"
  | "name"
  | "string"
  | "transpose"
  | "eof"
  | "+"
  | "-"
  | "*"
  | "/"
  | "@"
  | "**"
  | "kron"
  | "("
  | ")"
  | "["
  | "]"
  | ","
  | ":"
  | ";"
  | "=";

/**
 * One token. `text` is what the source says (`"∘"` for a `*` written as `∘`).
 *
 * @example tokenize("x'")[1] // { kind: "transpose", text: "'", span: { start: 1, end: 2 } }
 */
export type Token =
  | { kind: "number"; value: number; text: string; span: Span }
  | { kind: "name" | "string"; value: string; text: string; span: Span }
  | { kind: Exclude<TokenKind, "number" | "name" | "string">; text: string; span: Span };

const SIMPLE: Readonly<Record<string, TokenKind>> = {
  "+": "+",
  "-": "-",
  "\u2212": "-",
  "/": "/",
  "@": "@",
  "\u2218": "*",
  "\u2299": "*",
  "\u2297": "kron",
  "\u1d40": "transpose",
  "(": "(",
  ")": ")",
  "[": "[",
  "]": "]",
  ",": ",",
  ":": ":",
  ";": ";",
  "=": "=",
};

const NUMBER = /(?:\d+(?:\.(?!T)\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const TRANSPOSE_MARK = "\u1d40";

function isNameStart(ch: string): boolean {
  return ch !== TRANSPOSE_MARK && /^[\p{L}_]$/u.test(ch);
}

function isNamePart(ch: string | undefined): boolean {
  return ch !== undefined && ch !== TRANSPOSE_MARK && /^[\p{L}\p{M}0-9_]$/u.test(ch);
}

/**
 * Is `text` one name of the language, as the lexer reads it? Letters (any script), combining
 * marks, digits and `_`, not starting with a digit or a mark; `ᵀ` is a transpose, never part of a
 * name. The CLI's `--wrt`, the API and declarations check names with this same rule.
 *
 * @example isIdentifier("x́") // true; isIdentifier("2x") // false; isIdentifier("np.sum") // false
 */
export function isIdentifier(text: string): boolean {
  const first = charAt(text, 0);
  return first !== undefined && isNameStart(first) && nameEnd(text, 0) === text.length;
}

/** Prefixes that join the name after them: `np.sum`, `numpy.linalg.inv`. */
const NUMPY_PREFIXES: ReadonlySet<string> = new Set(["np", "numpy", "np.linalg", "numpy.linalg"]);

/** The end of a name starting at `i`, taking in `.name` parts after a NumPy prefix. */
function dottedNameEnd(source: string, i: number): number {
  let end = nameEnd(source, i);
  while (NUMPY_PREFIXES.has(source.slice(i, end)) && source[end] === ".") {
    const next = charAt(source, end + 1);
    const transpose = next === "T" && !isNamePart(charAt(source, end + 2));
    if (next === undefined || transpose || !isNameStart(next)) break;
    end = nameEnd(source, end + 1);
  }
  return end;
}

/** The whole code point at `i` (one or two UTF-16 units), or undefined past the end. */
function charAt(source: string, i: number): string | undefined {
  const code = source.codePointAt(i);
  return code === undefined ? undefined : String.fromCodePoint(code);
}

/** The end of the run of name characters starting at `i`. */
function nameEnd(source: string, i: number): number {
  let end = i;
  for (let ch = charAt(source, end); isNamePart(ch); ch = charAt(source, end)) {
    end += (ch as string).length;
  }
  return end;
}

const ENDS_OPERAND: ReadonlySet<TokenKind> = new Set(["name", "number", ")", "]", "transpose"]);

/**
 * Split `source` into tokens; the last one is always `eof`. Throws a `ParseError` with the span of
 * an unknown character, a malformed number or an unterminated string.
 *
 * @example tokenize("A ∘ B").map((t) => t.kind) // ["name", "*", "name", "eof"]
 */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const push = (token: Token) => tokens.push(token);
  let i = 0;
  while (i < source.length) {
    const ch = charAt(source, i) as string;
    const start = i;
    if (/^\s$/u.test(ch)) {
      i += ch.length;
      continue;
    }
    const last = tokens[tokens.length - 1];
    NUMBER.lastIndex = i;
    const number = /\d|\./.test(ch) ? NUMBER.exec(source) : null;
    if (number) {
      i += number[0].length;
      if (isNamePart(charAt(source, i))) {
        const end = nameEnd(source, i);
        throw new ParseError(`invalid number '${source.slice(start, end)}'`, { start, end });
      }
      push({ kind: "number", value: Number(number[0]), text: number[0], span: { start, end: i } });
    } else if (isNameStart(ch)) {
      i = dottedNameEnd(source, i);
      const text = source.slice(start, i);
      push({ kind: "name", value: text, text, span: { start, end: i } });
    } else if (ch === "'" && last !== undefined && ENDS_OPERAND.has(last.kind)) {
      i += 1;
      push({ kind: "transpose", text: "'", span: { start, end: i } });
    } else if (ch === "'" || ch === '"') {
      const close = source.indexOf(ch, i + 1);
      const newline = source.indexOf("\n", i + 1);
      if (close < 0 || (newline >= 0 && newline < close)) {
        const end = newline < 0 ? source.length : newline;
        throw new ParseError("unterminated string", { start, end });
      }
      i = close + 1;
      const text = source.slice(start, i);
      push({ kind: "string", value: text.slice(1, -1), text, span: { start, end: i } });
    } else if (ch === "*") {
      i += source[i + 1] === "*" ? 2 : 1;
      const kind = i - start === 2 ? "**" : "*";
      push({ kind, text: kind, span: { start, end: i } });
    } else if (ch === "." && source[i + 1] === "T" && !isNamePart(charAt(source, i + 2))) {
      i += 2;
      push({ kind: "transpose", text: ".T", span: { start, end: i } });
    } else if (SIMPLE[ch] !== undefined) {
      i += ch.length;
      push({
        kind: SIMPLE[ch] as Exclude<TokenKind, "number" | "name" | "string">,
        text: ch,
        span: { start, end: i },
      });
    } else {
      const operand = last?.kind === "name" ? last.text : undefined;
      throw new ParseError(`unexpected character '${ch}'${characterHint(source, i, operand)}`, {
        start,
        end: start + ch.length,
      });
    }
  }
  push({ kind: "eof", text: "", span: { start: source.length, end: source.length } });
  return tokens;
}

/**
 * How a token is named in an error message: `'+'`, `'x'`, `2`, `end of input`.
 *
 * @example describeToken(tokenize("x")[1]) // "end of input"
 */
export function describeToken(token: Token): string {
  if (token.kind === "eof") return "end of input";
  if (token.kind === "number" || token.kind === "string") return token.text;
  return `'${token.text}'`;
}
