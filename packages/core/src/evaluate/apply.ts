/**
 * The numeric side of function boxes: `applyFunction("tanh", t)` maps every entry, `"inv"`
 * inverts a matrix, `"softmax"` works along the last axis.
 */
import type { BoxFn } from "../network/types.js";
import { elementwise, logsumexp, map, norm, power, softmax } from "./functions.js";
import { determinant, inverse, logAbsDet } from "./linalg.js";
import type { Tensor } from "./tensor.js";
import { scalarTensor } from "./tensor.js";

const table: Record<BoxFn, (t: Tensor, param: number) => Tensor> = {
  exp: (t) => map(t, elementwise.exp),
  log: (t) => map(t, elementwise.log),
  sqrt: (t) => map(t, elementwise.sqrt),
  tanh: (t) => map(t, elementwise.tanh),
  sigmoid: (t) => map(t, elementwise.sigmoid),
  sin: (t) => map(t, elementwise.sin),
  cos: (t) => map(t, elementwise.cos),
  abs: (t) => map(t, elementwise.abs),
  group: (t) => t,
  relu: (t) => map(t, elementwise.relu),
  softplus: (t) => map(t, elementwise.softplus),
  sign: (t) => map(t, elementwise.sign),
  step: (t) => map(t, elementwise.step),
  pow: (t, p) => map(t, (x) => power(x, p)),
  inv: (t) => inverse(t),
  det: (t) => scalarTensor(determinant(t)),
  logdet: (t) => scalarTensor(logAbsDet(t)),
  softmax: (t) => softmax(t),
  logsumexp: (t) => logsumexp(t),
  norm: (t) => scalarTensor(norm(t)),
};

export function applyFunction(fn: BoxFn, t: Tensor, param = 1): Tensor {
  return table[fn](t, param);
}
