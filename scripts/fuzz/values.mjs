/**
 * Values and source text of a case. A variable's values depend only on the case's seed and the
 * variable's name, so a shrunk case keeps the values of the variables it keeps. Entries are
 * ±(0.5 to 1.5), positive where the variable sits under `log`, `sqrt`, a negative power or a
 * divisor; a matrix under `inv`, `det` or `logdet` gets 1.5 n + 1 added to its diagonal, which
 * makes it diagonally dominant (Gershgorin: invertible, determinant > 0).
 *
 * @example valuesOf(generateCase(3)) // { x: { shape: [2], data: Float64Array [...] }, ... }
 */
import { toSource } from "./nodes.mjs";
import { rng } from "./random.mjs";

function hash(seed, name) {
  let h = (seed ^ 0x811c9dc5) >>> 0;
  for (const ch of name) h = Math.imul(h ^ ch.codePointAt(0), 0x01000193) >>> 0;
  return h;
}

/** Tensors `{ shape, data }` for every variable of the case. */
export function valuesOf(c) {
  const out = {};
  for (const [name, { shape, positive, dominant }] of c.variables) {
    const r = rng(hash(c.valueSeed ?? c.seed, name));
    const data = new Float64Array(shape.reduce((a, b) => a * b, 1)).map(() => {
      const magnitude = 0.5 + r.next();
      return positive || r.chance(0.5) ? magnitude : -magnitude;
    });
    if (dominant) for (let i = 0; i < shape[0]; i++) data[i * shape[0] + i] += 1.5 * shape[0] + 1;
    out[name] = { shape: [...shape], data };
  }
  return out;
}

/** Values as nested arrays (for JSON and the oracle). */
export function nested({ shape, data }) {
  if (shape.length === 0) return data[0];
  const stride = data.length / shape[0];
  return Array.from({ length: shape[0] }, (_, i) =>
    nested({ shape: shape.slice(1), data: data.subarray(i * stride, (i + 1) * stride) }),
  );
}

const SYMBOLS = new Map([
  [2, "m"],
  [3, "n"],
  [4, "p"],
  [6, "q"],
  [8, "r"],
  [9, "k"],
]);

/**
 * The source diagrad is given: declarations (with numbers, with dimension symbols, or none, the
 * shapes then coming from the values) and the expression.
 *
 * @example sourceOf(c) // "x, y: [m]; A: [m, n]; (A @ x)"
 */
export function sourceOf(c) {
  if (c.style === "none") return toSource(c.tree);
  const symbols = c.style === "symbols";
  const byShape = new Map();
  const used = new Map();
  for (const [name, { shape }] of c.variables) {
    const dims = shape.map((d) => {
      if (!symbols || !SYMBOLS.has(d)) return String(d);
      used.set(d, SYMBOLS.get(d));
      return SYMBOLS.get(d);
    });
    const key = `[${dims.join(", ")}]`;
    byShape.set(key, [...(byShape.get(key) ?? []), name]);
  }
  const declarations = [...byShape].map(([shape, names]) => `${names.join(", ")}: ${shape}`);
  return `${declarations.join("; ")}; ${toSource(c.tree, used)}`;
}
