/**
 * The CLI's formulas: `diff --format json` carries formula, index, latex, vec_formula and
 * differential (LANGUAGE.md's contract), `--format latex` prints LaTeX, `--layout` is stated.
 */
import { writeFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { run } from "./support/cli.js";

const json = (args: string[]) => {
  const r = run(args);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
};

describe("formulas on the command line", () => {
  test("diff --format json gives the seed's forms", () => {
    const out = json([
      "diff",
      "A, B: [m, n]; W: [p, m]; W @ (A * B)",
      "--wrt",
      "A",
      "--format",
      "json",
    ]);
    expect(out.index).toBe("Γ[p,q,m,n] = W[p,m] B[m,n] δ[q,n]");
    expect(out.vec_formula).toBe("B: [m, n]; kron(eye(n), W) @ diag(vec(B))");
    expect(out.vec_text).toBe("(I ⊗ W) Diag(vec B)");
    expect(out.differential).toBe("dF = W (B ∘ dA)");
    expect(out.layout).toBe("numerator");
  });

  test("the formula evaluates back to the derivative's numbers through eval", () => {
    const values = { x: [1, 2], y: [3, 4], z: [5, 6] };
    const file = `${process.env.TMPDIR ?? "/tmp"}/diagrad-formula-${process.pid}.json`;
    writeFileSync(file, JSON.stringify(values));
    const d = json(["diff", "x * y * z", "--wrt", "x", "--values", file, "--format", "json"]);
    expect(d.formula).toBe("diag(y * z)");
    const e = json(["eval", d.formula, "--values", file, "--format", "json"]);
    expect(e.value).toEqual(d.value);
  });

  test("--format latex prints the LaTeX form", () => {
    const r = run(["diff", "logdet(X)", "--wrt", "X", "--format", "latex"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("X^{-\\top}\n");
  });

  test("--layout denominator is stated and transposes a Jacobian", () => {
    const num = json(["diff", "A @ x", "--wrt", "x", "--format", "json"]);
    const den = json([
      "diff",
      "A @ x",
      "--wrt",
      "x",
      "--format",
      "json",
      "--layout",
      "denominator",
    ]);
    expect(num.text).toBe("A");
    expect(den.text).toBe("Aᵀ");
    expect(den.layout).toBe("denominator");
  });

  test("the text output shows the matrix form, the index form and the differential", () => {
    const r = run(["diff", "x @ A @ x", "--wrt", "x"]);
    expect(r.stdout).toContain("Γ = (A + Aᵀ) x");
    expect(r.stdout).toContain("df = ");
  });
});

describe("derivation steps on the command line", () => {
  test("steps lists each rewrite with its rule and result", () => {
    const r = run(["steps", "x * x * x", "--wrt", "x"]);
    expect(r.status).toBe(0);
    expect(r.stdout.split("\n").filter((l) => /^\d\./.test(l))).toEqual([
      "1. expression: x³",
      "2. differentiate by x (product rule over 3 occurrences): 3 Diag(x²)",
      "3. merge equal terms: 3 Diag(x²)",
    ]);
    expect(r.stdout).toContain("· remove x: its wires become the new free indices");
  });

  test("steps --format json and diff's JSON carry the steps as data", () => {
    const steps = json(["steps", "(A @ z) * tanh(B @ z)", "--wrt", "z", "--format", "json"]).steps;
    expect(steps.map((s: { rule: string }) => s.rule)).toEqual([
      "expression",
      "differentiate by z (product rule over 2 occurrences)",
    ]);
    expect(steps[1].details).toContain("chain rule through tanh");
    const diff = json(["diff", "(A @ z) * tanh(B @ z)", "--wrt", "z", "--format", "json"]);
    expect(diff.steps).toEqual(steps);
  });
});
