/**
 * Coefficients as people write them: `2`, `-0.5`, `n`, `1/(m·n)`, `-2 n`.
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
  const symbols = [
    ...up.map((k) => power(k, c.dims[k])),
    ...(down.length
      ? [
          `1/${down.length > 1 ? `(${down.map((k) => power(k, c.dims[k])).join("·")})` : power(down[0], c.dims[down[0]])}`,
        ]
      : []),
  ];
  const magnitude = Math.abs(c.value);
  const sign = c.value < 0 ? "-" : "";
  if (magnitude === 1) return symbols.length ? `${sign}${symbols.join(" ")}` : sign;
  return `${sign}${[formatNumber(magnitude), ...symbols].join(" ")}`;
}
