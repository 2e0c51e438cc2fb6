/**
 * The text in front of a term of a sum: its sign, kept apart so that a row reads `A + 2 B − n C`,
 * and its magnitude as the core prints coefficients (`2`, `n`, `1/(m·n)`).
 */
import { formatCoefficient, type Term } from "@diagrad/core";

type Coefficient = Term["coeff"];

/** `""` for 1 and −1, else the magnitude: `magnitudeText({ value: -2, dims: { n: 1 } })` → `"2 n"`. */
export function magnitudeText(c: Coefficient): string {
  return formatCoefficient({ ...c, value: Math.abs(c.value) });
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
