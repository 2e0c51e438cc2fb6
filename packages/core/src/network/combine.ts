/**
 * Sums and scalar multiples of networks: the linear structure of expressions.
 */

import type { Coefficient } from "./coefficient.js";
import { coefficient, multiply, one, scale as scaleCoefficient } from "./coefficient.js";
import { emptyGraph } from "./graph.js";
import type { Network, Shape } from "./types.js";

/** The zero tensor of a shape: a network with no terms. */
export function zero(shape: Shape): Network {
  return { shape, terms: [] };
}

/** A scalar constant: `constant(2)`. */
export function constant(value: number, c: Coefficient = one): Network {
  if (value === 0) return zero([]);
  return { shape: [], terms: [{ coeff: multiply(coefficient(value), c), graph: emptyGraph() }] };
}

/** `a + b + …`; every network must have the same shape. */
export function sum(nets: readonly Network[]): Network {
  const shape = nets[0].shape;
  for (const n of nets) {
    if (n.shape.length !== shape.length)
      throw new Error("internal: sum of networks of different ranks");
  }
  return { shape, terms: nets.flatMap((n) => n.terms) };
}

/** `factor · a`. */
export function scale(net: Network, factor: number): Network {
  if (factor === 0) return zero(net.shape);
  return {
    shape: net.shape,
    terms: net.terms.map((t) => ({ ...t, coeff: scaleCoefficient(t.coeff, factor) })),
  };
}

/** `c · a` for a symbolic coefficient. */
export function scaleBy(net: Network, c: Coefficient): Network {
  return { shape: net.shape, terms: net.terms.map((t) => ({ ...t, coeff: multiply(t.coeff, c) })) };
}
