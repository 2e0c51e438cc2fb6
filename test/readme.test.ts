/**
 * The README's examples, run as written, so the README stays true.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  checkDerivative,
  derivative,
  evaluate,
  formulas,
  indexNotation,
  toNested,
} from "@diagrad/core";
import { expect, test } from "vitest";
import { run, scratch } from "./support/cli.js";

test("the library example gives what the README says", () => {
  const d = derivative({ source: "x * y * z", wrt: "x" });
  expect(indexNotation(d.network).formula).toBe("δ[i,j] y[i] z[i]");
  expect(formulas(d).text).toBe("Diag(y ∘ z)");
  expect(toNested(evaluate(d, { x: [1, 2], y: [3, 4], z: [5, 6] }))).toEqual([
    [15, 0],
    [0, 24],
  ]);
  expect(
    checkDerivative({ source: "x @ A @ x", wrt: "x", order: 2 }).maxRelativeError,
  ).toBeLessThan(1e-9);
});

test("the main job prints the derivative of the seed", () => {
  const r = run(["diff", "W @ (A * B)", "--wrt", "A"]);
  expect(r.status).toBe(0);
  expect(r.stdout).toContain("∂(W @ (A * B))/∂A, shape [m, q, n, q]");
  expect(r.stdout).toContain("Γ[m,r,n,q] = W[m,n] B[n,q] δ[r,q]");
  expect(r.stdout).toContain("∂vec(F)/∂vec(A) = (I ⊗ W) Diag(vec B)");
  expect(r.stdout).toContain("dF = W (B ∘ dA)");
});

test("the main job's second half writes the derivative's diagram", () => {
  const out = join(scratch().dir, "derivative.svg");
  const r = run(["diff", "W @ (A * B)", "--wrt", "A", "-o", out]);
  expect(r.status).toBe(0);
  const svg = readFileSync(out, "utf8");
  expect(svg.startsWith("<svg")).toBe(true);
  expect(svg).toContain('<title id="diagrad-title">∂(W @ (A * B))/∂A</title>');
});

test("the shape error example prints the message and the caret", () => {
  const r = run(["diff", "A: [2, 3]; B: [4, 5]; A @ B", "--wrt", "A"]);
  expect(r.status).toBe(1);
  expect(r.stderr).toBe(
    "error: shape mismatch in @: A has shape [2, 3] but B has shape [4, 5]\n  A: [2, 3]; B: [4, 5]; A @ B\n                        ^^^^^\n",
  );
});

test("the README's textbook table is the one the script generates from diagrad's output", async () => {
  const { rows, table, diagradColumn } = await import("../scripts/cookbook-table.mjs");
  const { formulas } = await import("@diagrad/core");
  const results = rows.map((row: unknown) => ({
    row,
    diagrad: diagradColumn(row, derivative, formulas),
  }));
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  const block = readme
    .split("<!-- cookbook-table:start -->\n")[1]
    .split("\n<!-- cookbook-table:end -->")[0];
  expect(block).toBe(table(results));
  expect(rows.length).toBeGreaterThanOrEqual(15);
});

test("the steps example prints what the README shows", () => {
  const r = run(["steps", "x * x * x", "--wrt", "x"]);
  expect(r.stdout).toBe(
    [
      "1. expression: x³",
      "2. differentiate by x (product rule over 3 occurrences): 3 Diag(x²)",
      "     · remove x: its wires become the new free indices",
      "     · remove x: its wires become the new free indices",
      "     · remove x: its wires become the new free indices",
      "3. merge equal terms: 3 Diag(x²)",
      "",
    ].join("\n"),
  );
});

test("the remark example turns a fence into a figure and its formula", async () => {
  const { unified } = await import("unified");
  const { default: remarkParse } = await import("remark-parse");
  const { default: remarkRehype } = await import("remark-rehype");
  const { default: rehypeStringify } = await import("rehype-stringify");
  const { remarkDiagrad } = await import("../packages/embed/src/index.js");
  const html = String(
    await unified()
      .use(remarkParse)
      .use(remarkDiagrad)
      .use(remarkRehype, { allowDangerousHtml: true })
      .use(rehypeStringify, { allowDangerousHtml: true })
      .process("```diagrad\nx @ A @ x\nwrt: x\n```\n"),
  );
  expect(html).toContain('<figure class="diagrad"><svg');
  expect(html).toContain("<code>Γ = (A + Aᵀ) x</code>");
});
