/**
 * Small constructions used by the builder and the derivative rules, all einsums of primitives.
 */
import { einsum } from "./einsum.js";
import { box } from "./primitives.js";
import type { Dim, ElementwiseFn, Network, Shape } from "./types.js";

/** Labels `p0, p1, …` for `n` axes. */
export function labels(prefix: string, n: number): string[] {
  return Array.from({ length: n }, (_, k) => `${prefix}${k}`);
}

/** Sizes for labels that occur only in an einsum's output. */
export function labelDims(names: readonly string[], shape: Shape): Record<string, Dim> {
  return Object.fromEntries(names.map((l, k) => [l, shape[k]]));
}

/** The all-ones tensor of a shape (an order-1 copy tensor on each axis). */
export function ones(shape: Shape): Network {
  const out = labels("o", shape.length);
  return einsum([], out, labelDims(out, shape));
}

/** The elementwise product of two networks of the same shape. */
export function hadamard(a: Network, b: Network): Network {
  const l = labels("h", a.shape.length);
  return einsum(
    [
      { net: a, labels: l },
      { net: b, labels: l },
    ],
    l,
  );
}

/** `fn(u)` entry by entry. */
export function apply(fn: ElementwiseFn, u: Network, param?: number): Network {
  return box(fn, u, u.shape, param);
}

/** Reorders axes: output axis k is input axis `order[k]`. */
export function permute(net: Network, order: readonly number[]): Network {
  const l = labels("t", net.shape.length);
  return einsum(
    [{ net, labels: l }],
    order.map((k) => l[k]),
  );
}
