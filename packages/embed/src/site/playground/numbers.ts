/**
 * Numbers for the playground's page: a tensor as NumPy prints one (nested brackets, a row a line,
 * a blank line between blocks of higher-order tensors), each entry to a few significant digits.
 * A tensor with many entries shows its shape and its first rows only, so a large Hessian never
 * floods the page.
 */
import { formatNumber, type Tensor } from "@diagrad/core";

export { formatNumber };

/**
 * The tensor as nested arrays, at most `most` entries (then its shape and the first of them).
 *
 * @example formatTensor({ shape: [2, 2], data: Float64Array.of(15, 0, 0, 24) }) // "[[15, 0],\n [0, 24]]"
 */
export function formatTensor(t: Tensor, most = 144, digits = 4): string {
  const rank = t.shape.length;
  if (rank === 0) return formatNumber(t.data[0], digits);
  const shown = Math.min(t.data.length, most);
  const cells = Array.from(t.data.subarray(0, shown), (x) => formatNumber(x, digits));
  const width = Math.max(0, ...cells.map((c) => c.length));
  let next = 0;
  const block = (axis: number): string | undefined => {
    if (next >= shown) return undefined;
    if (axis === rank - 1) {
      const row = cells.slice(next, next + t.shape[axis]).map((c) => c.padStart(width));
      next += t.shape[axis];
      return `[${row.join(", ")}${next > shown ? ", …" : ""}]`;
    }
    const inner: string[] = [];
    for (let k = 0; k < t.shape[axis]; k++) {
      const b = block(axis + 1);
      if (b === undefined) {
        inner.push("…");
        break;
      }
      inner.push(b);
    }
    return `[${inner.join(`,${"\n".repeat(rank - axis - 1)}${" ".repeat(axis + 1)}`)}]`;
  };
  const body = block(0) ?? "[]";
  return shown < t.data.length ? `${t.shape.join(" × ")} array, first entries:\n${body}` : body;
}
