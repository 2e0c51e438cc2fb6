/**
 * Scalar coefficients of terms: a number times a monomial in symbolic dimensions.
 *
 * A closed identity loop contributes its dimension `n`; `mean(X)` contributes `1/(m·n)`. With
 * concrete dimensions the monomial is empty and the coefficient is just a number.
 */
import { dimFactors } from "../language/dims.js";
import type { Dim } from "./types.js";

/** An empty symbol → exponent table; null-prototype, since symbols are user names (`toString`). */
const noDims = (): Record<string, number> => Object.create(null);

export interface Coefficient {
  readonly value: number;
  /** Symbol → exponent; never holds a zero exponent. */
  readonly dims: Readonly<Record<string, number>>;
}

export const one: Coefficient = { value: 1, dims: {} };

/** `coefficient(2)` is the number 2. */
export function coefficient(value: number): Coefficient {
  return { value, dims: {} };
}

/** The coefficient `dim ** exponent`: `dimPower("m*p", -1)` is 1/(m·p). */
export function dimPower(dim: Dim, exponent = 1): Coefficient {
  const factors = dimFactors(dim);
  const dims = noDims();
  for (const s of factors.symbols) dims[s] = (dims[s] ?? 0) + exponent;
  return { value: factors.coefficient ** exponent, dims };
}

export function multiply(a: Coefficient, b: Coefficient): Coefficient {
  const dims = Object.assign(noDims(), a.dims);
  for (const [k, e] of Object.entries(b.dims)) {
    const sum = (dims[k] ?? 0) + e;
    if (sum === 0) delete dims[k];
    else dims[k] = sum;
  }
  return { value: a.value * b.value, dims };
}

export function scale(a: Coefficient, factor: number): Coefficient {
  return { value: a.value * factor, dims: a.dims };
}

/** A stable key for the symbolic part: terms with equal keys can be added. */
export function monomialKey(c: Coefficient): string {
  return Object.keys(c.dims)
    .sort()
    .map((k) => `${k}^${c.dims[k]}`)
    .join(" ");
}

/** The numeric value once every symbol has a size. */
export function numericValue(c: Coefficient, sizes: (symbol: string) => number): number {
  let v = c.value;
  for (const [k, e] of Object.entries(c.dims)) v *= sizes(k) ** e;
  return v;
}
