/**
 * `a @ b` with NumPy's rules: 1-D operands are vectors (A @ x, x @ A, x @ y), and stacks of
 * matrices broadcast their leading (batch) axes.
 */
import { einsum } from "../network/einsum.js";
import { labelDims, labels } from "../network/ops.js";
import type { Network, Shape } from "../network/types.js";
import { alignedLabels } from "./broadcast.js";

/** `matmul(A, B, shapeOfResult)`. */
export function matmul(a: Network, b: Network, out: Shape): Network {
  const ra = a.shape.length;
  const rb = b.shape.length;
  const batchRank = Math.max(ra, rb) - 2;
  const batch = labels("b", Math.max(batchRank, 0));
  const batchShape = out.slice(0, batch.length);
  const batchOf = (s: Shape) =>
    alignedLabels(s.slice(0, s.length - 2), batchShape, batch, `r${s.length}_`);
  const left = ra === 1 ? ["k"] : [...batchOf(a.shape), "i", "k"];
  const right = rb === 1 ? ["k"] : [...batchOf(b.shape), "k", "j"];
  const output = [
    ...(ra > 1 || rb > 1 ? batch : []),
    ...(ra > 1 ? ["i"] : []),
    ...(rb > 1 ? ["j"] : []),
  ];
  return einsum(
    [
      { net: a, labels: left },
      { net: b, labels: right },
    ],
    output,
    labelDims(batch, batchShape),
  );
}
