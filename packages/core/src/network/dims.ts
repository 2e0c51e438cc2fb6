/**
 * Products of dimensions, as `vec`, `unvec` and `kron` make them: `dimProduct([2, "n", "m"])` is
 * `"2*m*n"` (a numeric factor first, symbols sorted); all-numeric products are numbers.
 */
import type { Dim } from "./types.js";

export function dimProduct(dims: readonly Dim[]): Dim {
  let value = 1;
  const symbols: string[] = [];
  for (const d of dims) {
    if (typeof d === "number") {
      value *= d;
      continue;
    }
    for (const f of d.split("*")) {
      const n = Number(f);
      if (Number.isFinite(n)) value *= n;
      else symbols.push(f);
    }
  }
  if (symbols.length === 0) return value;
  symbols.sort();
  return value === 1 ? symbols.join("*") : [String(value), ...symbols].join("*");
}

/** The size of a dimension once every symbol has one. */
export function dimSize(d: Dim, sizes: (symbol: string) => number): number {
  if (typeof d === "number") return d;
  let n = 1;
  for (const f of d.split("*")) n *= Number.isFinite(Number(f)) ? Number(f) : sizes(f);
  return n;
}
