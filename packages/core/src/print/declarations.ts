/**
 * Shape declarations in front of a formula that names dimensions: `eye(n)` means something only
 * when `n` is tied to the variables' sizes, so `kron(eye(n), W) @ diag(vec(B))` is printed as
 * `B: [m, n]; kron(eye(n), W) @ diag(vec(B))` (the variables whose shapes hold the symbols used) (LANGUAGE.md's declarations), which
 * `diagrad eval` parses with values of any size. Formulas with numeric sizes need nothing.
 */
import type { Shape } from "../network/types.js";

const identifier = /^[\p{L}_][\p{L}\p{N}_]*$/u;

/**
 * `declare("eye(n) @ x", new Map([["x", ["n"]]]))` → `"x: [n]; eye(n) @ x"`.
 */
export function declare(formula: string, variables: ReadonlyMap<string, Shape>): string {
  // the dimension symbols the formula names (eye(n), ones(n), unvec(x, m, 1)), not variables
  const dims = new Set([...variables.values()].flat().map(String));
  const symbols = [
    ...formula.matchAll(/(?<![\p{L}\p{N}_.'])[\p{L}_][\p{L}\p{N}_]*(?![\p{L}\p{N}_('])/gu),
  ]
    .map((m) => m[0])
    .filter((name) => dims.has(name) && !variables.has(name));
  if (symbols.length === 0) return formula;
  // variables the formula mentions come first; each is declared only if it binds a new symbol
  const mentioned = (name: string) =>
    new RegExp(`(^|[^\\p{L}\\p{N}_])${name}($|[^\\p{L}\\p{N}_(])`, "u").test(formula);
  const candidates = [...variables].sort((a, b) => +mentioned(b[0]) - +mentioned(a[0]));
  const uncovered = new Set(symbols);
  const byShape = new Map<string, string[]>();
  for (const [name, shape] of candidates) {
    if (!shape.some((d) => uncovered.has(String(d)))) continue;
    if (!shape.every((d) => typeof d === "number" || identifier.test(d))) continue;
    for (const d of shape) uncovered.delete(String(d));
    const key = `[${shape.join(", ")}]`;
    byShape.set(key, [...(byShape.get(key) ?? []), name]);
  }
  const prefix = [...byShape]
    .map(([shape, names]) => `${names.sort().join(", ")}: ${shape}; `)
    .join("");
  return `${prefix}${formula}`;
}
