/**
 * Numbers as people read them, for every place that prints one (the CLI, the playground).
 */

/**
 * `x` to `digits` significant digits: integers as they are, exponents for very large or small.
 *
 * @example formatNumber(0.123456) // "0.1235"
 * @example formatNumber(-1.5e-7) // "-1.5e-7"
 */
export function formatNumber(x: number, digits = 4): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (Number.isInteger(x) && a < 1e9) return String(x);
  if (a >= 1e6 || a < 1e-4) {
    return x
      .toExponential(digits - 1)
      .replace(/\.?0+e/, "e")
      .replace("e+", "e");
  }
  return String(Number(x.toPrecision(digits)));
}
