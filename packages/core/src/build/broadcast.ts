/**
 * NumPy broadcasting as einsum labels: axes align from the right; an axis of size 1 facing a
 * larger one gets a label of its own (summed over its single entry), and output axes an operand
 * lacks are broadcast by the ones vector.
 */

import type { Factor } from "../network/einsum.js";
import { einsum } from "../network/einsum.js";
import { labelDims, labels } from "../network/ops.js";
import type { Network, Shape } from "../network/types.js";

/** Labels for `shape` broadcast against `out`, whose axes are labelled `outLabels`. */
export function alignedLabels(
  shape: Shape,
  out: Shape,
  outLabels: readonly string[],
  tag: string,
): string[] {
  const offset = out.length - shape.length;
  return shape.map((d, k) =>
    d === 1 && out[k + offset] !== 1 ? `${tag}${k}` : outLabels[k + offset],
  );
}

/** The elementwise product of several networks, broadcast to `out`. */
export function broadcastProduct(nets: readonly Network[], out: Shape): Network {
  const outLabels = labels("o", out.length);
  const factors: Factor[] = nets.map((net, j) => ({
    net,
    labels: alignedLabels(net.shape, out, outLabels, `u${j}_`),
  }));
  return einsum(factors, outLabels, labelDims(outLabels, out));
}

/** `net` broadcast to the shape `out`. */
export function broadcastTo(net: Network, out: Shape): Network {
  return broadcastProduct([net], out);
}

/** `net` with `count` new leading axes of size 1 (NumPy's promotion of a lower rank). */
export function expandDims(net: Network, count: number): Network {
  const inner = labels("a", net.shape.length);
  const added = labels("z", count);
  return einsum(
    [{ net, labels: inner }],
    [...added, ...inner],
    Object.fromEntries(added.map((l) => [l, 1])),
  );
}
