import { describe, expect, it } from "vitest";
import { parseSubscripts } from "./einsum.js";
import { ParseError, type Span } from "./span.js";

/** The span of the literal `"…"` when it starts at offset 10 of some source. */
const literal = (s: string): Span => ({ start: 10, end: 12 + s.length });

const subscripts = (s: string) => parseSubscripts(s, literal(s));

function failure(s: string): ParseError {
  try {
    subscripts(s);
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error(`expected '${s}' to be rejected`);
}

describe("parseSubscripts", () => {
  it("reads explicit subscripts", () => {
    expect(subscripts("ij,jk->ik")).toEqual({
      inputs: [
        ["i", "j"],
        ["j", "k"],
      ],
      output: ["i", "k"],
    });
    expect(subscripts("ii->")).toEqual({ inputs: [["i", "i"]], output: [] });
    expect(subscripts("i j , j -> i")).toEqual({ inputs: [["i", "j"], ["j"]], output: ["i"] });
  });

  it("makes NumPy's implicit output: labels seen once, sorted (uppercase first)", () => {
    expect(subscripts("ij,jk").output).toEqual(["i", "k"]);
    expect(subscripts("ba").output).toEqual(["a", "b"]);
    expect(subscripts("ii").output).toEqual([]);
    expect(subscripts("bA").output).toEqual(["A", "b"]);
  });

  it("points at a bad character inside the string", () => {
    const error = failure("ij,j1->i");
    expect(error.message).toBe(
      "einsum subscripts may contain only letters, ',' and '->', found '1'",
    );
    expect(error.span).toEqual({ start: 15, end: 16 });
  });

  it("rejects ellipsis clearly", () => {
    const error = failure("...ij->...i");
    expect(error.message).toBe("einsum's ellipsis '...' is not supported; name every axis");
    expect(error.span).toEqual({ start: 11, end: 14 });
  });

  it("rejects output labels that are unknown or repeated, and a second arrow", () => {
    expect(failure("ij->k").message).toBe("einsum output index 'k' does not appear in any input");
    expect(failure("ij->k").span).toEqual({ start: 15, end: 16 });
    expect(failure("ij->ii").message).toBe("einsum output index 'i' appears more than once");
    expect(failure("i->i->i").message).toBe("einsum subscripts may contain '->' only once");
  });
});
