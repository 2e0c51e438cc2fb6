/**
 * The text in front of a term of a sum: its sign, kept apart so that a row reads `A + 2 B − n C`,
 * and its magnitude as the core prints coefficients (`2`, `n`, `1/(m·n)`). The magnitude follows
 * the core's `formatCoefficient` (packages/core/src/print/coefficient.ts), which `@diagrad/core`
 * does not export yet; this mirrors it until it does.
 */
import type { Term } from "@diagrad/core";

type Coefficient = Term["coeff"];

function formatNumber(x: number): string {
  if (Number.isInteger(x)) return String(x);
  return String(Number(x.toPrecision(12)));
}

/** `""` for 1 and −1, else the magnitude: `magnitudeText({ value: -2, dims: { n: 1 } })` → `"2 n"`. */
export function magnitudeText(c: Coefficient): string {
  const keys = Object.keys(c.dims).sort();
  const up = keys.filter((k) => c.dims[k] > 0);
  const down = keys.filter((k) => c.dims[k] < 0);
  const power = (k: string) => (Math.abs(c.dims[k]) === 1 ? k : `${k}^${Math.abs(c.dims[k])}`);
  const symbols = up.map(power);
  if (down.length === 1) symbols.push(`1/${power(down[0])}`);
  if (down.length > 1) symbols.push(`1/(${down.map(power).join("·")})`);
  const magnitude = Math.abs(c.value);
  return (magnitude === 1 ? symbols : [formatNumber(magnitude), ...symbols]).join(" ");
}

/**
 * The sign and magnitude in front of term number `index` of a sum: the first term shows only a
 * minus; later terms show `+` or `−` (the typographic minus).
 *
 * @example termPrefix({ value: -2, dims: {} }, 1) // { sign: "−", magnitude: "2" }
 * @example termPrefix({ value: 1, dims: {} }, 0) // { sign: "", magnitude: "" }
 */
export function termPrefix(c: Coefficient, index: number): { sign: string; magnitude: string } {
  const negative = c.value < 0;
  const sign = negative ? "−" : index === 0 ? "" : "+";
  return { sign, magnitude: magnitudeText(c) };
}
