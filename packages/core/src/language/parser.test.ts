import { describe, expect, it } from "vitest";
import type { Expr } from "./ast.js";
import { parse } from "./parser.js";
import { ParseError } from "./span.js";

/** A fully parenthesised rendering of the tree, to state precedence plainly. */
function show(e: Expr): string {
  switch (e.kind) {
    case "number":
      return String(e.value);
    case "name":
      return e.name;
    case "string":
      return JSON.stringify(e.value);
    case "neg":
      return `(-${show(e.arg)})`;
    case "transpose":
      return `${show(e.arg)}ᵀ`;
    case "binary":
      return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case "call":
      return `${e.fn}(${e.args.map(show).join(", ")})`;
  }
}

const tree = (source: string) => show(parse(source).body);

function parseError(source: string): ParseError {
  try {
    parse(source);
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(source)} not to parse`);
}

describe("parse: precedence and associativity (Python's)", () => {
  it("binds unary minus tighter than * but looser than **", () => {
    expect(tree("-y * z")).toBe("((-y) * z)");
    expect(tree("-x ** 2")).toBe("(-(x ** 2))");
  });

  it("puts * / @ ⊗ on one left-associative level", () => {
    expect(tree("a @ b * c")).toBe("((a @ b) * c)");
    expect(tree("a * b @ c")).toBe("((a * b) @ c)");
    expect(tree("a / b / c")).toBe("((a / b) / c)");
    expect(tree("A ⊗ B @ C")).toBe("((A kron B) @ C)");
  });

  it("puts + and - below the products, left-associative", () => {
    expect(tree("a - b - c")).toBe("((a - b) - c)");
    expect(tree("a + b * c")).toBe("(a + (b * c))");
    expect(tree("X @ W + b")).toBe("((X @ W) + b)");
  });

  it("makes ** right-associative and lets its exponent be negative", () => {
    expect(tree("a ** b ** c")).toBe("(a ** (b ** c))");
    expect(tree("x ** -1")).toBe("(x ** (-1))");
    expect(tree("2 ** -x * y")).toBe("((2 ** (-x)) * y)");
    expect(tree("x ** 2 * y")).toBe("((x ** 2) * y)");
  });

  it("binds postfix transposes tightest", () => {
    expect(tree("-A'")).toBe("(-Aᵀ)");
    expect(tree("A' ** 2")).toBe("(Aᵀ ** 2)");
    expect(tree("x ** A.T")).toBe("(x ** Aᵀ)");
    expect(tree("(A @ B)ᵀ")).toBe("(A @ B)ᵀ");
    expect(tree("A''")).toBe("Aᵀᵀ");
  });

  it("groups with parentheses", () => {
    expect(tree("W @ (A * B)")).toBe("(W @ (A * B))");
    expect(tree("-(a + b)")).toBe("(-(a + b))");
  });
});

describe("parse: operators and literals", () => {
  it("reads every binary operator, including the Unicode spellings", () => {
    expect(tree("a + b")).toBe("(a + b)");
    expect(tree("a − b")).toBe("(a - b)");
    expect(tree("a ∘ b ⊙ c")).toBe("((a * b) * c)");
    expect(tree("a / b @ c")).toBe("((a / b) @ c)");
    expect(tree("A ⊗ B")).toBe("(A kron B)");
  });

  it("reads calls with any number of arguments, and transposes of calls", () => {
    expect(tree("sum(X, -1)")).toBe("sum(X, (-1))");
    expect(tree("f()")).toBe("f()");
    expect(tree("inv(A)'")).toBe("inv(A)ᵀ");
    expect(tree("exp (x)")).toBe("exp(x)");
  });

  it("tells an apostrophe transpose from a single-quoted string", () => {
    expect(tree("einsum('ij,jk->ik', A', B)")).toBe('einsum("ij,jk->ik", Aᵀ, B)');
    expect(tree('einsum("ii", A)')).toBe('einsum("ii", A)');
  });

  it("allows newlines as whitespace", () => {
    expect(tree("a\n  + b\n")).toBe("(a + b)");
  });
});

describe("parse: declarations", () => {
  it("reads declarations before the body", () => {
    const program = parse("A, B: [m, n]; W: [p, 3]; s: []; W @ (A * B)");
    expect(program.declarations.map((d) => [d.names.map((n) => n.name), d.dims])).toEqual([
      [
        ["A", "B"],
        ["m", "n"],
      ],
      [["W"], ["p", 3]],
      [["s"], []],
    ]);
    expect(show(program.body)).toBe("(W @ (A * B))");
    expect(program.source).toBe("A, B: [m, n]; W: [p, 3]; s: []; W @ (A * B)");
  });

  it("spans a declaration from its first name to its closing bracket, and each name", () => {
    const [declaration] = parse("A, B: [m, n]; A").declarations;
    expect(declaration?.span).toEqual({ start: 0, end: 12 });
    expect(declaration?.names.map((n) => n.span)).toEqual([
      { start: 0, end: 1 },
      { start: 3, end: 4 },
    ]);
  });

  it("accepts a trailing semicolon and newlines between statements", () => {
    const program = parse("x: [n];\ny: [n];\nx * y;\n");
    expect(program.declarations).toHaveLength(2);
    expect(show(program.body)).toBe("(x * y)");
  });

  it("rejects dimensions that are not positive integers or symbols", () => {
    expect(parseError("A: [0, n]; A").message).toBe(
      "a dimension must be a positive integer or a symbol, got 0",
    );
    expect(parseError("A: [2.5]; A").span).toEqual({ start: 4, end: 7 });
    expect(parseError("A: [m, +]; A").message).toBe(
      "expected a dimension (a positive integer or a symbol), found '+'",
    );
  });

  it("rejects a malformed declaration with a pointed message", () => {
    expect(parseError("A: m; A").message).toBe("expected '[' after ':', found 'm'");
    const unclosed = parseError("A: [m, n; A");
    expect(unclosed.message).toBe("unclosed '['");
    expect(unclosed.span).toEqual({ start: 3, end: 4 });
    expect(parseError("A: [m n]; A").message).toBe("expected ',' or ']', found 'n'");
  });

  it("requires a body after the declarations, and exactly one expression, last", () => {
    expect(parseError("A: [m, n];").message).toBe("expected an expression after the declarations");
    const twice = parseError("a + b; c");
    expect(twice.message).toMatch(/^only the last statement can be an expression/);
    expect(twice.span).toEqual({ start: 0, end: 5 });
    const late = parseError("x; A: [n]");
    expect(late.message).toBe("declarations must come before the expression");
    expect(late.span).toEqual({ start: 3, end: 9 });
    const missing = parseError("A: [n]\nA");
    expect(missing.message).toBe("expected ';' after the declaration, found 'A'");
    expect(missing.span).toEqual({ start: 7, end: 8 });
  });
});

describe("parse: spans", () => {
  it("spans a binary node over the whole expression and its operator separately", () => {
    const body = parse("a  +  b * c").body;
    expect(body.span).toEqual({ start: 0, end: 11 });
    expect(body.kind === "binary" && body.opSpan).toEqual({ start: 3, end: 4 });
  });

  it("keeps an operand's own span inside parentheses, and covers them in the node around it", () => {
    const body = parse("W @ (A * B)").body;
    if (body.kind !== "binary") throw new Error("expected a binary node");
    expect(body.span).toEqual({ start: 0, end: 11 });
    expect(body.right.span).toEqual({ start: 5, end: 10 });
    expect(parse("(a + b) * c").body.span).toEqual({ start: 0, end: 11 });
  });

  it("spans unary minus, transposes and calls exactly", () => {
    expect(parse("-x ** 2").body.span).toEqual({ start: 0, end: 7 });
    expect(parse("(A @ B)'").body.span).toEqual({ start: 0, end: 8 });
    expect(parse("A.T").body.span).toEqual({ start: 0, end: 3 });
    const call = parse("sum(X, 0)").body;
    expect(call.span).toEqual({ start: 0, end: 9 });
    expect(call.kind === "call" && call.nameSpan).toEqual({ start: 0, end: 3 });
  });

  it("spans a number and a string literal (quotes included)", () => {
    const body = parse("einsum('ii', A)").body;
    expect(body.kind === "call" && body.args[0]?.span).toEqual({ start: 7, end: 11 });
    expect(parse("  2.5").body.span).toEqual({ start: 2, end: 5 });
  });
});

describe("parse: errors", () => {
  it("reports a missing right operand at the operator", () => {
    const error = parseError("a +");
    expect(error).toBeInstanceOf(ParseError);
    expect(error.kind).toBe("syntax");
    expect(error.message).toBe("expected an expression after '+'");
    expect(error.span).toEqual({ start: 2, end: 3 });
  });

  it("reports what was found instead of an operand, at that token", () => {
    const error = parseError("a + * b");
    expect(error.message).toBe("expected an expression after '+', found '*'");
    expect(error.span).toEqual({ start: 4, end: 5 });
    expect(parseError("f(a,)").message).toBe("expected an expression after ',', found ')'");
  });

  it("reports an unclosed parenthesis at the parenthesis", () => {
    for (const source of ["(a + b", "f(a, b", "f(", "(", "(a; b"]) {
      const error = parseError(source);
      expect(error.message).toBe("unclosed '('");
      const paren = source.indexOf("(");
      expect(error.span).toEqual({ start: paren, end: paren + 1 });
    }
  });

  it("reports an unexpected closing parenthesis", () => {
    const error = parseError("a + b)");
    expect(error.message).toBe("unexpected ')'");
    expect(error.span).toEqual({ start: 5, end: 6 });
    expect(parseError(")").message).toBe("unexpected ')'");
  });

  it("reports text after a complete expression", () => {
    const error = parseError("a b");
    expect(error.message).toBe("unexpected 'b' after the expression (missing an operator?)");
    expect(error.span).toEqual({ start: 2, end: 3 });
    expect(parseError("(a b)").message).toBe("expected ')' to close '(', found 'b'");
    expect(parseError("f(a b)").message).toBe("expected ',' or ')' in the call to f, found 'b'");
  });

  it("reports an empty input", () => {
    for (const source of ["", "   \n", ";"]) {
      const error = parseError(source);
      expect(error.message).toBe("empty expression");
      expect(error.span).toEqual({ start: source.length, end: source.length });
    }
  });

  it("reports an operator where an expression must start", () => {
    expect(parseError("* a").message).toBe("expected an expression, found '*'");
    expect(parseError(".T").message).toBe("expected an expression, found '.T'");
  });
});
