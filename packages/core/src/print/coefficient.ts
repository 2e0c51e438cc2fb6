/**
 * Coefficients as people write them: `2`, `-0.5`, `n`, `1/(m·n)`, `-2 n`, `2/m`.
 */
import type { Coefficient } from "../network/coefficient.js";

function formatNumber(x: number): string {
  if (Number.isInteger(x)) return String(x);
  const rounded = Number(x.toPrecision(12));
  return String(rounded);
}

/** `""` for 1, `"-"` for −1, otherwise the number and symbols: `formatCoefficient({value: 2, dims: {n: 1}})` → `"2 n"`. */
export function formatCoefficient(c: Coefficient): string {
  const up = Object.keys(c.dims)
    .filter((k) => c.dims[k] > 0)
    .sort();
  const down = Object.keys(c.dims)
    .filter((k) => c.dims[k] < 0)
    .sort();
  const power = (k: string, e: number) => (Math.abs(e) === 1 ? k : `${k}^${Math.abs(e)}`);
  const magnitude = Math.abs(c.value);
  const sign = c.value < 0 ? "-" : "";
  // the number goes over the fraction bar: 2/m, not 2 1/m
  const numerator = [
    ...(magnitude === 1 ? [] : [formatNumber(magnitude)]),
    ...up.map((k) => power(k, c.dims[k])),
  ];
  if (down.length) {
    const denominator = down.map((k) => power(k, c.dims[k])).join("·");
    const over = numerator.length > 1 ? `(${numerator.join(" ")})` : (numerator[0] ?? "1");
    return `${sign}${over}/${down.length > 1 ? `(${denominator})` : denominator}`;
  }
  return numerator.length ? `${sign}${numerator.join(" ")}` : sign;
}
