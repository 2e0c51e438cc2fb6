/**
 * The campaign's generator (scripts/fuzz/generate.mjs): it repeats itself from a seed, and over a
 * few thousand seeds it uses every function of the language's table and every operator, so a
 * function added to the language fails this test until the campaign generates it.
 */
import { FUNCTIONS, prepare } from "@diagrad/core";
import { describe, expect, test } from "vitest";
import { generateCase } from "../scripts/fuzz/generate.mjs";
import { nodesOf } from "../scripts/fuzz/nodes.mjs";
import { sourceOf, valuesOf } from "../scripts/fuzz/values.mjs";

type Tree = { kind: string; fn?: string; op?: string; style?: string; args: Tree[] };

/** The language-level name of a node: a function's name, an operator's symbol. */
function used(tree: Tree): string[] {
  return nodesOf(tree).map((n: Tree) => {
    if (n.kind === "call") return n.fn as string;
    if (n.kind === "binary") return n.op as string;
    if (n.kind === "transpose") return n.style as string;
    return { sumAxis: "sum", pow: "**", neg: "-" }[n.kind as string] ?? n.kind;
  });
}

describe("the random-expression generator", () => {
  test("a seed gives the same case every time", () => {
    for (const seed of [1, 77, 123456]) {
      const a = generateCase(seed);
      const b = generateCase(seed);
      expect(sourceOf(a)).toBe(sourceOf(b));
      expect(valuesOf(a)).toEqual(valuesOf(b));
      expect([a.wrt, a.order]).toEqual([b.wrt, b.order]);
    }
  });

  test("3000 seeds use every function and operator of the language", () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 3000; seed++)
      for (const n of used(generateCase(seed).tree)) seen.add(n);
    const wanted = [
      ...FUNCTIONS.map((f) => f.name),
      ...["+", "-", "*", "∘", "⊙", "/", "@", "⊗", "**", ".T", "'"],
    ];
    expect(wanted.filter((name) => !seen.has(name))).toEqual([]);
  });

  test("its cases are well typed: the library parses and checks 100 of them", () => {
    for (let seed = 1; seed <= 100; seed++) {
      const c = generateCase(seed);
      expect(
        () => prepare({ source: sourceOf(c), values: valuesOf(c) as Record<string, unknown> }),
        sourceOf(c),
      ).not.toThrow();
    }
  });
});
