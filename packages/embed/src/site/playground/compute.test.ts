import { evaluate, prepare } from "@diagrad/core";
import { describe, expect, test } from "vitest";
import { answer } from "./compute.js";
import type { Lane, Part, Request } from "./protocol.js";

async function parts(request: Omit<Request, "id">, lane: Lane): Promise<Part[]> {
  const out: Part[] = [];
  for await (const part of answer({ id: 7, ...request }, lane)) out.push(part);
  return out;
}

const t = (shape: number[], data: number[]) => ({ shape, data: Float64Array.from(data) });

describe("the playground's answer", () => {
  test("words: the formula, code, steps and checked numbers of ∂(x ∘ y ∘ z)/∂x", async () => {
    const words = await parts({ expr: "x * y * z", wrt: "x", order: 1 }, "words");
    expect(words.map((p) => p.kind)).toEqual(["formula", "code", "steps", "numbers", "done"]);
    expect(words.every((p) => p.id === 7)).toBe(true);
    const [formula, code, steps, numbers] = words;
    if (formula.kind !== "formula" || code.kind !== "code") throw new Error("out of order");
    if (steps.kind !== "steps" || numbers.kind !== "numbers") throw new Error("out of order");
    expect(formula.title).toBe("∂(x * y * z)/∂x");
    // Diag(y ∘ z) at y = [2, 3], z = [5, 7] is [[10, 0], [0, 21]], worked out by hand
    const values = { x: t([2], [1, 1]), y: t([2], [2, 3]), z: t([2], [5, 7]) };
    const value = evaluate(prepare({ source: formula.formula, values }), values);
    expect(Array.from(value.data)).toEqual([10, 0, 0, 21]);
    expect(formula.latex.startsWith("\\frac{\\partial}{\\partial x}")).toBe(true);
    expect(formula.html).toContain('class="katex"');
    expect(formula.html).not.toContain("katex-error");
    expect(code.numpy).toContain("def diagrad_function(x, y, z):");
    expect(code.jax).toContain("import jax.numpy as jnp");
    expect(steps.steps[0]).toMatchObject({ rule: "expression", formula: "x * y * z" });
    expect(numbers.maxRelativeError).toBeLessThan(1e-6);
    expect(numbers.values.map((v) => v.name)).toEqual(["x", "y", "z"]);
  });

  test("diagram: the laid-out scene under the derivative's title, nothing else", async () => {
    const diagram = await parts({ expr: "x * y * z", wrt: "x", order: 1 }, "diagram");
    expect(diagram.map((p) => p.kind)).toEqual(["diagram", "done"]);
    const [scene] = diagram;
    if (scene.kind !== "diagram") throw new Error("no diagram");
    expect(scene.scene.title).toBe("∂(x * y * z)/∂x");
    expect(scene.scene.shapes.map((s) => s.label).sort()).toEqual(["", "y", "z"]); // a copy dot
    expect(structuredClone(scene)).toEqual(scene); // plain data: it crosses to the page
  });

  test("a half-typed expression is an error on the expression, with its span", async () => {
    const words = await parts({ expr: "W @ (A * B", wrt: "A", order: 1 }, "words");
    expect(words[0]).toEqual({
      kind: "error",
      id: 7,
      message: "unclosed '('",
      span: { start: 4, end: 5 },
      field: "expr",
    });
    expect(words.map((p) => p.kind)).toEqual(["error", "done"]);
    const diagram = await parts({ expr: "W @ (A * B", wrt: "A", order: 1 }, "diagram");
    expect(diagram.map((p) => p.kind)).toEqual(["done"]); // the words lane reports it
  });

  test("the variable and the order are checked, and named in the error", async () => {
    const [noWrt] = await parts({ expr: "x @ A @ x", wrt: " ", order: 1 }, "words");
    expect(noWrt).toMatchObject({ field: "wrt", message: expect.stringContaining("one of x, A") });
    const [badName] = await parts({ expr: "x @ A @ x", wrt: "1x", order: 1 }, "words");
    expect(badName).toMatchObject({ field: "wrt", message: "'1x' is not a variable name" });
    for (const order of [0, 1.5, 5, Number.NaN]) {
      const [bad] = await parts({ expr: "x @ A @ x", wrt: "x", order }, "words");
      expect(bad).toMatchObject({ kind: "error", field: "order" });
    }
  });

  test("a variable that does not occur gives zero, with a note that says so", async () => {
    const [formula] = await parts({ expr: "x @ A @ x", wrt: "q", order: 1 }, "words");
    if (formula.kind !== "formula") throw new Error("no formula");
    expect(formula.notes[0]).toBe("q does not occur in the expression: the derivative is zero");
  });
});
