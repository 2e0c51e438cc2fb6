import { describe, expect, it } from "vitest";
import type { Expr } from "./ast.js";
import type { Shape } from "./dims.js";
import { parse } from "./parser.js";
import { type Analysis, analyze, type Given } from "./shapes.js";
import { DiagradError } from "./span.js";

function infer(source: string, given?: Given): { vars: Record<string, Shape>; shape: Shape } {
  const analysis = analyze(parse(source), given);
  const shape = analysis.shapes.get(analysis.program.body);
  if (shape === undefined) throw new Error("no shape for the body");
  return { vars: Object.fromEntries(analysis.variables), shape };
}

function failure(source: string, given?: Given): DiagradError {
  try {
    analyze(parse(source), given);
  } catch (error) {
    if (error instanceof DiagradError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(source)} to be rejected`);
}

/** Every node of a tree, parents before children. */
function nodes(e: Expr): Expr[] {
  switch (e.kind) {
    case "neg":
    case "transpose":
      return [e, ...nodes(e.arg)];
    case "binary":
      return [e, ...nodes(e.left), ...nodes(e.right)];
    case "call":
      return [e, ...e.args.flatMap(nodes)];
    default:
      return [e];
  }
}

/** Check, independently of the inference code, that each @ and elementwise node obeys NumPy. */
function checkConsistent(analysis: Analysis): void {
  const shape = (e: Expr) => analysis.shapes.get(e) as Shape;
  for (const node of nodes(analysis.program.body)) {
    expect(analysis.shapes.has(node)).toBe(node.kind !== "string");
    if (node.kind !== "binary") continue;
    const [a, b] = [shape(node.left), shape(node.right)];
    if (node.op === "@" && a.length === 2 && b.length === 2) {
      expect(a[1]).toEqual(b[0]);
      expect(shape(node)).toEqual([a[0], b[1]]);
    }
    if (["+", "-", "*", "/"].includes(node.op) && a.length === b.length) {
      a.forEach((d, i) => {
        if (d !== 1 && b[i] !== 1) expect(d).toEqual(b[i]);
      });
    }
  }
}

describe("analyze: the seeds", () => {
  it("infers W @ (A * B) with no declarations: A and B alike, W's columns their rows", () => {
    const analysis = analyze(parse("W @ (A * B)"));
    checkConsistent(analysis);
    expect(Object.fromEntries(analysis.variables)).toEqual({
      W: ["m", "n"],
      A: ["n", "q"],
      B: ["n", "q"],
    });
    expect(analysis.shapes.get(analysis.program.body)).toEqual(["m", "q"]);
  });

  it("lists the variables in order of first appearance", () => {
    const { variables } = analyze(parse("W @ (A * B) + A"));
    expect([...variables.keys()]).toEqual(["W", "A", "B"]);
  });

  it("uses the declared symbols of A, B: [m, n]; W: [p, m]", () => {
    const { vars, shape } = infer("A, B: [m, n]; W: [p, m]; W @ (A * B)");
    expect(vars).toEqual({ W: ["p", "m"], A: ["m", "n"], B: ["m", "n"] });
    expect(shape).toEqual(["p", "n"]);
  });

  it("makes x * y * z three vectors of one length", () => {
    expect(infer("x * y * z")).toEqual({ vars: { x: ["m"], y: ["m"], z: ["m"] }, shape: ["m"] });
  });
});

describe("analyze: elementwise operators broadcast as NumPy", () => {
  it("gives a scalar with a tensor the tensor's shape", () => {
    expect(infer("2 * A + 1").shape).toEqual(["m", "n"]);
    expect(infer("s: []; s / x").shape).toEqual(["m"]);
  });

  it("aligns from the right: X @ W + b adds b along the last axis", () => {
    const { vars, shape } = infer("X @ W + b");
    expect(vars.b).toEqual(["q"]);
    expect(shape).toEqual(["m", "q"]);
  });

  it("stretches axes of size 1", () => {
    const values = { A: [3, 1], B: [1, 4], x: [4] };
    expect(infer("A + B", { values }).shape).toEqual([3, 4]);
    expect(infer("A * x", { values }).shape).toEqual([3, 4]);
    expect(infer("T: [2, 1, n]; M: [5, n]; T - M").shape).toEqual([2, 5, "n"]);
  });

  it("reports a mismatch naming the operator as written, both operands and shapes", () => {
    const error = failure("A ∘ B", { values: { A: [2, 3], B: [3, 2] } });
    expect(error.kind).toBe("shape");
    expect(error.message).toBe("shape mismatch in ∘: A has shape [2, 3] but B has shape [3, 2]");
    expect(error.span).toEqual({ start: 0, end: 5 });
    expect(failure("x: [3]; y: [4]; x - y").message).toBe(
      "shape mismatch in -: x has shape [3] but y has shape [4]",
    );
  });
});

describe("analyze: @ follows numpy.matmul", () => {
  it("handles matrix @ matrix, matrix @ vector, vector @ matrix and vector @ vector", () => {
    expect(infer("A: [2, 3]; B: [3, 4]; A @ B").shape).toEqual([2, 4]);
    expect(infer("A: [2, 3]; A @ x")).toEqual({ vars: { A: [2, 3], x: [3] }, shape: [2] });
    expect(infer("A: [2, 3]; x @ A")).toEqual({ vars: { x: [2], A: [2, 3] }, shape: [3] });
    expect(infer("x @ y")).toEqual({ vars: { x: ["m"], y: ["m"] }, shape: [] });
  });

  it("broadcasts batch axes", () => {
    expect(infer("T: [b, m, n]; M: [n, p]; T @ M").shape).toEqual(["b", "m", "p"]);
    expect(infer("S: [2, 1, m, n]; T: [3, n, p]; S @ T").shape).toEqual([2, 3, "m", "p"]);
    expect(infer("T: [b, m, n]; T @ x").shape).toEqual(["b", "m"]);
  });

  it("chains, unifying each inner pair", () => {
    const analysis = analyze(parse("A @ B @ C @ x"));
    checkConsistent(analysis);
    expect(Object.fromEntries(analysis.variables)).toEqual({
      A: ["m", "n"],
      B: ["n", "q"],
      C: ["q", "k"],
      x: ["k"],
    });
  });

  it("reports the seed's mismatch with both operands' text and shapes", () => {
    const source = "W: [p, m]; A: [n, n]; W @ (A * A)";
    const error = failure(source);
    expect(error.message).toBe(
      "shape mismatch in @: W has shape [p, m] but A * A has shape [n, n]",
    );
    expect(error.span).toEqual({ start: 22, end: 33 });
  });

  it("rejects a scalar operand", () => {
    const error = failure("2 @ x");
    expect(error.message).toBe(
      "@ needs operands with at least one axis, but 2 has shape [] (use * to scale)",
    );
    expect(error.span).toEqual({ start: 0, end: 5 });
  });
});

describe("analyze: Kronecker products", () => {
  it("multiplies the axes of A ⊗ B and of kron(A, B) alike", () => {
    expect(infer("A ⊗ B")).toEqual({
      vars: { A: ["m", "n"], B: ["p", "q"] },
      shape: ["m*p", "n*q"],
    });
    expect(infer("kron(A, B)").shape).toEqual(["m*p", "n*q"]);
    expect(infer("A: [2, 3]; B: [4, 5]; A ⊗ B").shape).toEqual([8, 15]);
  });

  it("pads a lower rank with leading 1s, as numpy.kron", () => {
    expect(infer("x: [a]; y: [b]; x ⊗ y").shape).toEqual(["a*b"]);
    expect(infer("A: [2, 3]; x: [4]; A ⊗ x").shape).toEqual([2, 12]);
    expect(infer("A: [2, 3]; 2 ⊗ A").shape).toEqual([2, 3]);
  });

  it("unifies two products factor by factor", () => {
    expect(infer("kron(A, B) + kron(C, D)").vars).toEqual({
      A: ["m", "n"],
      B: ["p", "q"],
      C: ["m", "n"],
      D: ["p", "q"],
    });
  });

  it("rejects operands of rank 3", () => {
    expect(failure("T: [a, b, c]; T ⊗ A").message).toBe(
      "⊗ takes operands of rank at most 2, but T has shape [a, b, c]",
    );
  });

  it("names fresh dimensions past the end of the pool and writes products canonically", () => {
    const { vars, shape } = infer("A ⊗ B ⊗ C ⊗ D ⊗ E ⊗ F ⊗ G");
    expect(vars.G).toEqual(["m2", "n2"]);
    expect(shape).toEqual(["l*m*m2*p*r*t*v", "k*n*n2*q*s*u*w"]);
  });
});

describe("analyze: negation, powers and transposes", () => {
  it("keeps the shape under negation and powers", () => {
    expect(infer("-A").shape).toEqual(["m", "n"]);
    expect(infer("A ** 2").shape).toEqual(["m", "n"]);
    expect(infer("x ** (1 / 2)").shape).toEqual(["m"]);
    expect(infer("x ** -1").shape).toEqual(["m"]);
  });

  it("requires a constant exponent", () => {
    const error = failure("x ** y");
    expect(error.message).toBe("the exponent of ** must be a numeric constant, but y is not");
    expect(error.span).toEqual({ start: 5, end: 6 });
  });

  it("reverses the axes on transpose and leaves vectors and scalars alone", () => {
    expect(infer("A: [2, 3]; A'").shape).toEqual([3, 2]);
    expect(infer("T: [a, b, c]; T.T").shape).toEqual(["c", "b", "a"]);
    expect(infer("x: [3]; xᵀ").shape).toEqual([3]);
    expect(infer("2'").shape).toEqual([]);
  });

  it("gives every node a shape", () => {
    const analysis = analyze(parse("-(A' @ x) ** 2 + sum(A, 0)"));
    checkConsistent(analysis);
    expect(analysis.shapes.size).toBe(nodes(analysis.program.body).length);
  });
});

describe("analyze: fresh dimension names", () => {
  it("skip the program's variable names and declared symbols", () => {
    expect(infer("m * n").vars).toEqual({ m: ["p"], n: ["p"] });
    expect(infer("x: [m]; A: [m, n]; B").vars).toEqual({ B: ["p", "q"] });
    expect(infer("eye(m) @ y").vars).toEqual({ y: ["m"] });
  });

  it("treat uppercase names as matrices and others as vectors", () => {
    expect(infer("Σ + σ + _a").vars).toEqual({ Σ: ["m", "n"], σ: ["n"], _a: ["n"] });
  });
});

describe("analyze: declarations", () => {
  it("keeps declared symbols as named constants that never unify with each other", () => {
    const error = failure("A: [m, n]; B: [p, q]; A + B");
    expect(error.message).toBe("shape mismatch in +: A has shape [m, n] but B has shape [p, q]");
  });

  it("does not let a symbol equal a number unless a value says so", () => {
    expect(failure("A: [n, n]; A @ eye(3)").message).toBe(
      "shape mismatch in @: A has shape [n, n] but eye(3) has shape [3, 3]",
    );
  });

  it("takes declarations from the caller, with numeric strings as numbers", () => {
    expect(infer("A @ x", { shapes: { A: ["m", "3"], x: [3] } }).vars).toEqual({
      A: ["m", 3],
      x: [3],
    });
  });

  it("rejects contradictory declarations and invalid given dimensions", () => {
    const twice = failure("A: [m, n]; A", { shapes: { A: ["p"] } });
    expect(twice.message).toBe("A is declared twice, as [m, n] and as [p]");
    expect(twice.span).toEqual({ start: 0, end: 1 });
    expect(failure("A: [m]; A: [n]; A").message).toBe("A is declared twice, as [m] and as [n]");
    const bad = failure("A", { shapes: { A: ["m n"] } });
    expect(bad.kind).toBe("usage");
    expect(bad.message).toMatch(/^invalid dimension 'm n' in the shape of A/);
  });
});

describe("analyze: concrete values", () => {
  it("win over inference and resolve declared symbols", () => {
    const given = { values: { A: [3, 4], x: [4] } };
    expect(infer("A: [m, n]; b: [m]; A @ x + b", given)).toEqual({
      vars: { A: [3, 4], x: [4], b: [3] },
      shape: [3],
    });
  });

  it("must agree with the declaration, naming the variable", () => {
    const error = failure("A: [3, 4]; A", { values: { A: [2, 2] } });
    expect(error.kind).toBe("shape");
    expect(error.message).toBe(
      "the value of A has shape [2, 2], which does not match its declared shape [3, 4]",
    );
    expect(error.span).toEqual({ start: 0, end: 1 });
    expect(failure("A: [n, n]; A", { values: { A: [3, 4] } }).message).toMatch(/^the value of A/);
    expect(failure("x: [n]; x", { values: { x: [3, 1] } }).message).toMatch(/^the value of x/);
  });

  it("must give a symbol one size across variables", () => {
    const error = failure("A: [m, n]; B: [m]; A + B", { values: { A: [3, 4], B: [4] } });
    expect(error.message).toBe(
      "the value of B has shape [4], which does not match its declared shape [m] (m is 3, from the value of A)",
    );
    expect(error.span).toEqual({ start: 11, end: 12 });
  });

  it("conflict with inference as ordinary shape mismatches", () => {
    expect(failure("A @ x", { values: { A: [3, 4], x: [5] } }).message).toBe(
      "shape mismatch in @: A has shape [3, 4] but x has shape [5]",
    );
  });

  it("ignore variables the program does not use, and reject empty axes", () => {
    expect(infer("x", { values: { x: [2], y: [7] } }).vars).toEqual({ x: [2] });
    expect(failure("x", { values: { x: [0] } }).kind).toBe("value");
  });
});

describe("analyze: products from vec and unvec", () => {
  it("bind a variable to a product", () => {
    expect(infer("vec(A) + y").vars).toEqual({ A: ["m", "n"], y: ["m*n"] });
    expect(infer("unvec(x, 2, n)").vars).toEqual({ x: ["2*n"] });
  });

  it("compare a product with a number once its factors are known", () => {
    const given = { values: { A: [2, 3], y: [6] } };
    expect(infer("A: [m, n]; vec(A) + y", given).shape).toEqual([6]);
    expect(infer("A: [2, 3]; unvec(vec(A), 3, 2)").shape).toEqual([3, 2]);
  });

  it("settle an equation once later operations pin a factor", () => {
    const { vars } = infer("sum(vec(X) + y) + sum(X @ z)", { values: { y: [6], z: [3] } });
    expect(vars.X).toEqual([2, 3]);
  });

  it("report an equation with several solutions as undetermined", () => {
    const error = failure("vec(X) + y", { values: { y: [6] } });
    expect(error.message).toBe(
      "cannot infer the dimensions in +: m*n must equal 6; declare the shapes, e.g. 'X: [2, 3];'",
    );
    expect(error.span).toEqual({ start: 0, end: 10 });
  });

  it("report a product that cannot match", () => {
    const error = failure("A: [2, 3]; unvec(vec(A), 4, 2)");
    expect(error.message).toBe(
      "shape mismatch in unvec: vec(A) has shape [6] but [4, 2] has 8 entries",
    );
    expect(error.span).toEqual({ start: 11, end: 30 });
  });
});
