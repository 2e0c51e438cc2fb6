import { describe, expect, it } from "vitest";
import type { Shape } from "./dims.js";
import { parse } from "./parser.js";
import { analyze, type Given } from "./shapes.js";
import { DiagradError } from "./span.js";

function infer(source: string, given?: Given): { vars: Record<string, Shape>; shape: Shape } {
  const analysis = analyze(parse(source), given);
  const shape = analysis.shapes.get(analysis.program.body);
  if (shape === undefined) throw new Error("no shape for the body");
  return { vars: Object.fromEntries(analysis.variables), shape };
}

const shape = (source: string, given?: Given) => infer(source, given).shape;

function failure(source: string, given?: Given): DiagradError {
  try {
    analyze(parse(source), given);
  } catch (error) {
    if (error instanceof DiagradError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(source)} to be rejected`);
}

describe("elementwise functions", () => {
  it("keep the shape of their argument", () => {
    for (const f of [
      "exp",
      "log",
      "sqrt",
      "tanh",
      "sigmoid",
      "sin",
      "cos",
      "abs",
      "relu",
      "softplus",
    ]) {
      expect(shape(`T: [a, 2, c]; ${f}(T)`)).toEqual(["a", 2, "c"]);
      expect(shape(`${f}(3)`)).toEqual([]);
    }
  });
});

describe("reductions", () => {
  it("sum(X) and mean(X) give scalars; norm(X) too, at any rank", () => {
    expect(shape("sum(A)")).toEqual([]);
    expect(shape("mean(x)")).toEqual([]);
    expect(shape("norm(A)")).toEqual([]);
    expect(shape("T: [a, b, c]; norm(T)")).toEqual([]);
  });

  it("sum(X, axis) drops that axis, counting negative axes from the end", () => {
    expect(shape("A: [2, 3]; sum(A, 0)")).toEqual([3]);
    expect(shape("A: [2, 3]; sum(A, 1)")).toEqual([2]);
    expect(shape("A: [2, 3]; sum(A, -1)")).toEqual([2]);
    expect(shape("x: [5]; sum(x, 0)")).toEqual([]);
  });

  it("sum rejects an axis out of range or not written as an integer", () => {
    const range = failure("A: [2, 3]; sum(A, 2)");
    expect(range.message).toBe(
      "axis 2 is out of range for A, which has shape [2, 3] (axis must be in -2..1)",
    );
    expect(range.span).toEqual({ start: 18, end: 19 });
    expect(failure("A: [2, 3]; sum(A, -3)").kind).toBe("shape");
    expect(failure("sum(A, 0.5)").message).toBe(
      "the axis of sum must be an integer literal such as 0 or -1",
    );
    expect(failure("sum(3, 0)").message).toMatch(/\(it has no axes\)$/);
  });

  it("softmax keeps the shape and logsumexp drops the last axis, both needing an axis", () => {
    expect(shape("A: [2, 3]; softmax(A)")).toEqual([2, 3]);
    expect(shape("A: [2, 3]; logsumexp(A)")).toEqual([2]);
    expect(shape("x: [3]; logsumexp(x)")).toEqual([]);
    expect(failure("softmax(2)").message).toBe(
      "softmax needs at least one axis, but 2 has shape []",
    );
  });
});

describe("square-matrix functions", () => {
  it("tr, det and logdet give scalars and make the matrix square", () => {
    for (const f of ["tr", "det", "logdet"]) {
      expect(infer(`${f}(A)`)).toEqual({ vars: { A: ["m", "m"] }, shape: [] });
    }
  });

  it("inv keeps the square shape", () => {
    expect(shape("A: [3, 3]; inv(A)")).toEqual([3, 3]);
    expect(infer("inv(A) @ x").vars).toEqual({ A: ["m", "m"], x: ["m"] });
  });

  it("reject non-square matrices and other ranks", () => {
    const error = failure("A: [m, n]; tr(A)");
    expect(error.message).toBe("tr needs a square matrix, but A has shape [m, n]");
    expect(error.span).toEqual({ start: 11, end: 16 });
    expect(failure("det(x)").message).toBe("det needs a square matrix, but x has shape [m]");
    expect(failure("inv(A)", { values: { A: [2, 3] } }).message).toBe(
      "inv needs a square matrix, but A has shape [2, 3]",
    );
  });
});

describe("diag, outer, kron, vec, unvec, eye", () => {
  it("diag turns a vector into a square matrix and a square matrix into its diagonal", () => {
    expect(shape("x: [4]; diag(x)")).toEqual([4, 4]);
    expect(infer("diag(A) + x").vars).toEqual({ A: ["m", "m"], x: ["m"] });
    expect(failure("T: [a, b, c]; diag(T)").message).toBe(
      "diag needs a vector or a square matrix, but T has shape [a, b, c]",
    );
    expect(failure("A: [2, 3]; diag(A)").message).toBe(
      "diag needs a square matrix, but A has shape [2, 3]",
    );
  });

  it("outer(x, y) of two vectors is a matrix", () => {
    expect(infer("outer(x, y)")).toEqual({ vars: { x: ["m"], y: ["n"] }, shape: ["m", "n"] });
    expect(failure("outer(A, y)").message).toBe("outer needs two vectors, but A has shape [m, n]");
  });

  it("kron(A, B) multiplies axes", () => {
    expect(shape("x: [2]; A: [3, 4]; kron(x, A)")).toEqual([3, 8]);
  });

  it("vec stacks all axes into one and leaves a vector alone", () => {
    expect(shape("A: [m, n]; vec(A)")).toEqual(["m*n"]);
    expect(shape("T: [2, b, 3]; vec(T)")).toEqual(["6*b"]);
    expect(shape("x: [n]; vec(x)")).toEqual(["n"]);
    expect(failure("vec(2)").message).toBe("vec needs at least one axis, but 2 has shape []");
  });

  it("unvec(x, rows, cols) takes integer or symbolic sizes", () => {
    expect(infer("unvec(x, 2, 3)")).toEqual({ vars: { x: [6] }, shape: [2, 3] });
    expect(infer("unvec(x, m, n)")).toEqual({ vars: { x: ["m*n"] }, shape: ["m", "n"] });
    expect(shape("unvec(vec(A), m, n)")).toEqual(["m", "n"]);
    expect(failure("unvec(A, 2, 3)").message).toBe("unvec needs a vector, but A has shape [m, n]");
    expect(failure("unvec(x, 2, 0)").message).toBe(
      "unvec's size argument must be a positive integer or a dimension symbol",
    );
  });

  it("treats the size arguments of unvec and eye as dimension symbols, not variables", () => {
    const { vars, shape: s } = infer("eye(n) @ unvec(x, n, k)");
    expect(vars).toEqual({ x: ["k*n"] });
    expect(s).toEqual(["n", "k"]);
  });

  it("eye(n) is square, with an integer or a symbol", () => {
    expect(shape("eye(3)")).toEqual([3, 3]);
    expect(shape("eye(n)")).toEqual(["n", "n"]);
    expect(shape("A: [n, n]; eye(n) + A", { values: { A: [4, 4] } })).toEqual([4, 4]);
    const error = failure("eye(n + 1)");
    expect(error.message).toBe(
      "eye's size argument must be a positive integer or a dimension symbol",
    );
    expect(error.span).toEqual({ start: 4, end: 9 });
  });
});

describe("einsum", () => {
  it("follows explicit subscripts, in either quotes, with transposed operands", () => {
    expect(shape("A: [2, 3]; B: [3, 4]; einsum('ij,jk->ik', A, B)")).toEqual([2, 4]);
    expect(shape('A: [2, 3]; B: [2, 4]; einsum("ij,jk->ik", A\', B)')).toEqual([3, 4]);
    expect(infer("einsum('ij,jk->ik', A', B)").vars).toEqual({ A: ["m", "n"], B: ["m", "q"] });
  });

  it("uses NumPy's implicit output without ->", () => {
    expect(shape("A: [2, 3]; B: [3, 4]; einsum('ij,jk', A, B)")).toEqual([2, 4]);
    expect(shape("A: [2, 3]; einsum('ji', A)")).toEqual([3, 2]);
  });

  it("unifies the dimensions of a repeated label, within and across operands", () => {
    expect(infer("einsum('ii', A)")).toEqual({ vars: { A: ["m", "m"] }, shape: [] });
    expect(infer("einsum('i,i->i', x, y)").vars).toEqual({ x: ["m"], y: ["m"] });
    const error = failure("A: [2, 3]; B: [4, 5]; einsum('ij,jk->ik', A, B)");
    expect(error.message).toBe("shape mismatch in einsum: index j is 3 in A but 4 in B");
    expect(error.span).toEqual({ start: 22, end: 47 });
  });

  it("checks the number of operands and their ranks", () => {
    const count = failure("einsum('ij,jk->ik', A)");
    expect(count.kind).toBe("arity");
    expect(count.message).toBe(
      "einsum subscripts 'ij,jk->ik' are for 2 operands, but 1 operand was given",
    );
    const rank = failure("einsum('ij,jk', A, x)");
    expect(rank.message).toBe("einsum subscripts 'jk' have 2 indices, but x has shape [p]");
    expect(rank.span).toEqual({ start: 19, end: 20 });
  });

  it("rejects bad subscripts with a span inside the string", () => {
    const error = failure("einsum('...i->i', x)");
    expect(error.message).toBe("einsum's ellipsis '...' is not supported; name every axis");
    expect(error.span).toEqual({ start: 8, end: 11 });
    expect(failure("einsum('ij->k', A)").span).toEqual({ start: 12, end: 13 });
  });

  it("needs a subscript string first", () => {
    const error = failure("einsum(A, B)");
    expect(error.message).toBe(
      `einsum's first argument must be a subscript string such as "ij,jk->ik"`,
    );
    expect(error.span).toEqual({ start: 7, end: 8 });
  });
});

describe("names, arity and strings", () => {
  it("rejects an unknown function at its name, suggesting the closest known one", () => {
    const error = failure("tanhh(x) + 1");
    expect(error.kind).toBe("name");
    expect(error.message).toBe("unknown function 'tanhh'; did you mean 'tanh'?");
    expect(error.span).toEqual({ start: 0, end: 5 });
    expect(failure("frobnicate(x)").message).toBe("unknown function 'frobnicate'");
  });

  it("rejects a wrong number of arguments, spanning the call", () => {
    const error = failure("x + sum(X, 1, 2)");
    expect(error.kind).toBe("arity");
    expect(error.message).toBe("sum takes 1 or 2 arguments, got 3");
    expect(error.span).toEqual({ start: 4, end: 16 });
    expect(failure("exp()").message).toBe("exp takes 1 argument, got 0");
    expect(failure("einsum('i')").message).toBe("einsum takes at least 2 arguments, got 1");
  });

  it("rejects a string anywhere but einsum's first argument", () => {
    const error = failure("x + 'ij'");
    expect(error.kind).toBe("syntax");
    expect(error.message).toBe(
      "a string is only allowed as einsum's first argument (its subscripts) and as norm's 'fro'",
    );
    expect(error.span).toEqual({ start: 4, end: 8 });
    expect(failure("einsum('i,i', 'i', x)").span).toEqual({ start: 14, end: 17 });
  });
});
