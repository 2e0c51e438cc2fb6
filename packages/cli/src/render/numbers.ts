/**
 * Numbers for people: a tensor as NumPy prints one (nested brackets, one row per line, a blank
 * line between blocks of higher-order tensors), each entry to a few significant digits and the
 * columns aligned on the decimal point. Non-finite entries print as nan, inf and -inf.
 */
import { formatNumber, type Tensor } from "@diagrad/core";

export { formatNumber };

/** Pads the entries so that their decimal points (or ends of integers) line up. */
function align(cells: readonly string[]): string[] {
  const parts = cells.map((c) => {
    const m = /^(-?\d+)(.*)$/.exec(c);
    return m ? [m[1], m[2]] : [c, ""];
  });
  const left = Math.max(...parts.map(([i]) => i.length));
  const right = Math.max(...parts.map(([, r]) => r.length));
  return parts.map(([i, r]) => i.padStart(left) + r.padEnd(right));
}

/**
 * The tensor as aligned nested arrays (a scalar as a number).
 *
 * @example formatTensor(tensor([2, 2], [15, 0, 0, 24])) // "[[15,  0],\n [ 0, 24]]"
 */
export function formatTensor(t: Tensor, digits = 4): string {
  const rank = t.shape.length;
  if (rank === 0) return formatNumber(t.data[0], digits);
  const cells = t.data.length ? align(Array.from(t.data, (x) => formatNumber(x, digits))) : [];
  let next = 0;
  const block = (axis: number): string => {
    const n = t.shape[axis];
    if (axis === rank - 1) {
      const row = cells.slice(next, next + n);
      next += n;
      return `[${row.join(", ")}]`;
    }
    const inner = Array.from({ length: n }, () => block(axis + 1));
    return `[${inner.join(`,${"\n".repeat(rank - axis - 1)}${" ".repeat(axis + 1)}`)}]`;
  };
  return block(0);
}

/**
 * A tensor in one short line: its entries when there are few, else its shape.
 *
 * @example briefTensor(tensor([2], [0.93123, -1.2])) // "[0.931, -1.2]"
 * @example briefTensor(tensor([3, 4])) // "a 3×4 array"
 */
export function briefTensor(t: Tensor, most = 6): string {
  if (t.data.length > most) return `a ${t.shape.join("×")} array`;
  const cells = Array.from(t.data, (x) => formatNumber(x, 3));
  let next = 0;
  const block = (axis: number): string => {
    if (axis === t.shape.length) return cells[next++];
    return `[${Array.from({ length: t.shape[axis] }, () => block(axis + 1)).join(", ")}]`;
  };
  return block(0);
}

/** How many entries are NaN or ±Infinity. */
export function countNonFinite(t: Tensor): number {
  let n = 0;
  for (const x of t.data) if (!Number.isFinite(x)) n++;
  return n;
}
