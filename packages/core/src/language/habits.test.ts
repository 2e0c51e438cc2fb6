/**
 * Input that forgives habits from NumPy, MATLAB and LaTeX: what another notation means is said in
 * the error, or in a note when the input is valid but likely not meant.
 */
import { describe, expect, it } from "vitest";
import { evaluate, prepare } from "../api.js";
import { tokenize } from "./lexer.js";
import { parse } from "./parser.js";
import { analyze } from "./shapes.js";
import { DiagradError } from "./span.js";

function message(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof DiagradError) return error.message;
    throw error;
  }
  throw new Error("expected a DiagradError");
}
const lexMessage = (source: string) => message(() => tokenize(source));
const analysisMessage = (source: string) => message(() => analyze(parse(source)));
const notes = (source: string) => analyze(parse(source)).notes;

describe("^ gets the hint that fits what follows it", () => {
  it("reads ^T, ^{T} and ^\\top as a transpose", () => {
    expect(lexMessage("x^T A x")).toBe("unexpected character '^'; for the transpose write x.T");
    expect(lexMessage("W^{T} x")).toBe("unexpected character '^'; for the transpose write W.T");
    expect(lexMessage("A^\\top")).toBe("unexpected character '^'; for the transpose write A.T");
  });

  it("reads ^-1, ^(-1) and ^{-1} as an inverse", () => {
    expect(lexMessage("A^-1 @ b")).toBe("unexpected character '^'; for the inverse write inv(A)");
    expect(lexMessage("S^(-1)")).toBe("unexpected character '^'; for the inverse write inv(S)");
    expect(lexMessage("S^{-1}")).toBe("unexpected character '^'; for the inverse write inv(S)");
  });

  it("reads anything else as a power, including names that start with T and -1.5", () => {
    expect(lexMessage("x^2")).toBe("unexpected character '^'; use ** for powers");
    expect(lexMessage("x^Tau")).toBe("unexpected character '^'; use ** for powers");
    expect(lexMessage("x^-1.5")).toBe("unexpected character '^'; use ** for powers");
  });
});

describe("MATLAB's dotted operators and the bars of norms", () => {
  it("says what .^, .* and ./ are in NumPy", () => {
    expect(lexMessage("A.^2")).toMatch(/; use \*\* for elementwise powers/);
    expect(lexMessage("A .* B")).toMatch(/; \* is already elementwise/);
    expect(lexMessage("A ./ B")).toMatch(/; \/ is already elementwise/);
  });

  it("reads ||x||, ‖x‖ as norms and |x| as abs or det, quoting the operand", () => {
    expect(lexMessage("||W @ x - y||^2")).toBe(
      "unexpected character '|'; write norm(W @ x - y) for the norm",
    );
    expect(lexMessage("‖x‖")).toBe("unexpected character '‖'; write norm(x) for the norm");
    expect(lexMessage("|A|")).toBe(
      "unexpected character '|'; write abs(A) for an absolute value, or det(A) for a determinant",
    );
  });
});

describe("notes on valid input that another notation reads otherwise", () => {
  it("says that * is elementwise after a transposed vector (x' * A * x is a matrix)", () => {
    expect(notes("x: [3]; A: [3, 3]; x' * A * x")).toEqual([
      "x' * A: * is the elementwise product (NumPy broadcasting), giving shape [3, 3]; the matrix product is @, as in x @ A; transposing a vector changes nothing; NumPy writes the transpose .T",
    ]);
    expect(notes("x.T * y")).toEqual([
      "x.T * y: * is the elementwise product (NumPy broadcasting), giving shape [m]; the matrix product is @, as in x @ y; transposing a vector changes nothing",
    ]);
  });

  it("says so for a matrix transposed with ', MATLAB's spelling", () => {
    expect(notes("A' * B")[0]).toMatch(/^A' \* B: \* is the elementwise product/);
  });

  it("stays quiet where NumPy users mean what they write", () => {
    expect(notes("x.T @ A @ x")).toEqual([]);
    expect(notes("A.T * B")).toEqual([]);
    expect(notes("x * y")).toEqual([]);
    expect(notes("sum(W ** 2)")).toEqual([]);
    expect(notes("x.T * 2")).toEqual([]);
  });

  it("says that A ** -1 of a matrix is elementwise", () => {
    expect(notes("A ** -1")).toEqual([
      "A ** -1 is the elementwise reciprocal; the matrix inverse is inv(A)",
    ]);
    expect(notes("x ** -1")).toEqual([]);
  });
});

describe("function names from other notations", () => {
  it("suggests what the language writes", () => {
    expect(analysisMessage("trace(X)")).toBe("unknown function 'trace'; did you mean 'tr'?");
    expect(analysisMessage("dot(x, y)")).toBe(
      "unknown function 'dot'; use @ for the matrix product (x @ y for two vectors)",
    );
    expect(analysisMessage("transpose(A)")).toBe(
      "unknown function 'transpose'; write X.T for the transpose",
    );
  });

  it("suggests only names near in spelling", () => {
    expect(analysisMessage("foo(x)")).toBe("unknown function 'foo'");
    expect(analysisMessage("sigmiod(x)")).toBe(
      "unknown function 'sigmiod'; did you mean 'sigmoid'?",
    );
  });

  it("accepts NumPy's prefixes on the functions the language has, with NumPy's values", () => {
    // A = [[2, 1], [1, 3]], det 5, inv = [[3, -1], [-1, 2]] / 5; x = [1, 2]
    const values = {
      A: [
        [2, 1],
        [1, 3],
      ],
      x: [1, 2],
    };
    const value = (source: string) => Array.from(evaluate(prepare({ source, values })).data);
    const solved = value("np.linalg.inv(A) @ x");
    expect(solved[0]).toBeCloseTo(0.2, 12);
    expect(solved[1]).toBeCloseTo(0.6, 12);
    expect(value("numpy.linalg.det(A)")[0]).toBeCloseTo(5, 12);
    expect(value("np.trace(A) + np.sum(x)")).toEqual([8]);
    expect(value("np.exp(x)")).toEqual([Math.exp(1), Math.exp(2)]);
    expect(value("np.linalg.matrix_power(A, 2)")).toEqual([5, 5, 5, 10]);
    expect(analysisMessage("np.dot(x, y)")).toMatch(/^unknown function 'np.dot'; use @/);
    expect(message(() => parse("np.pi * x"))).toMatch(/^'np.pi' is not a name of the language/);
  });

  it("keeps x.T after a variable called np", () => {
    expect(analyze(parse("np.T @ np")).variables.get("np")).toEqual(["m"]);
  });

  it("accepts norm(X, 'fro') as the Frobenius norm, and only for a matrix", () => {
    const values = {
      X: [
        [1, 2],
        [2, 4],
      ],
    }; // 1 + 4 + 4 + 16 = 25
    expect(Array.from(evaluate(prepare({ source: "norm(X, 'fro')", values })).data)).toEqual([5]);
    const linalg = prepare({ source: 'np.linalg.norm(X, "fro")', values });
    expect(Array.from(evaluate(linalg).data)).toEqual([5]);
    expect(analysisMessage("norm(x, 'fro')")).toBe(
      "norm needs a matrix for 'fro' (norm(x) of a vector is its 2-norm), but x has shape [m]",
    );
    expect(analysisMessage("norm(X, 'nuc')")).toMatch(/^norm's second argument can only be 'fro'/);
  });
});
