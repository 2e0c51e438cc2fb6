/**
 * The tensor network: the data every stage after parsing works on.
 *
 * A `Network` is a sum of `Term`s with the same free indices (its `shape`). A term is a scalar
 * `Coefficient` times one graphology multigraph whose nodes are tensors and whose edges are the
 * indices they share:
 *   - `tensor`: a variable; port k is its axis k;
 *   - `copy`: the copy tensor δ of any order (order 1 is the ones vector, 2 the identity, 3+ the
 *     Hadamard/diag spider); its legs are interchangeable;
 *   - `fuse`: the reshape tensor R[fast, slow, fused] = [fused = fast + |fast|·slow], used by
 *     `vec`, `unvec` and `kron`;
 *   - `box`: a function applied to an inner network (its ports are the function's output axes),
 *     or a kept sum (`group`, the inner network itself);
 *   - `free`: the boundary: the node for output axis `axis`, with exactly one edge.
 * Transposition never makes a node: it only renumbers the free nodes.
 */
import type { MultiUndirectedGraph } from "graphology";
import type { Dim, Shape } from "../language/dims.js";
import type { Coefficient } from "./coefficient.js";

export type { Dim, Shape } from "../language/dims.js";

/** Elementwise functions, applied entry by entry (`pow` carries its exponent in `param`). */
export const elementwiseFunctions = [
  "exp",
  "log",
  "sqrt",
  "tanh",
  "sigmoid",
  "sin",
  "cos",
  "abs",
  "relu",
  "softplus",
  "sign",
  "step",
  "pow",
] as const;
export type ElementwiseFn = (typeof elementwiseFunctions)[number];

/** Functions of a whole tensor (or of each row along the last axis for softmax/logsumexp). */
export const tensorFunctions = ["inv", "det", "logdet", "softmax", "logsumexp", "norm"] as const;
export type TensorFn = (typeof tensorFunctions)[number];

/**
 * `group` is no function at all: a kept sum. A box whose value is its inner network itself, so a sum
 * used as a factor stays one node instead of being multiplied out (the chain rule's own shape:
 * d(rᵀr) = 2 rᵀ dr with dr kept whole). Networks are immutable, so one inner network shared by
 * several boxes is one subexpression, differentiated, simplified and evaluated once.
 */
export type BoxFn = ElementwiseFn | TensorFn | "group";

export interface TensorNode {
  kind: "tensor";
  name: string;
  rank: number;
}
export interface CopyNode {
  kind: "copy";
  dim: Dim;
}
export interface FuseNode {
  kind: "fuse";
}
export interface BoxNode {
  kind: "box";
  fn: BoxFn;
  inner: Network;
  /** The exponent of `pow`. */
  param?: number;
}
export interface FreeNode {
  kind: "free";
  axis: number;
}
export type NodeAttrs = TensorNode | CopyNode | FuseNode | BoxNode | FreeNode;
export type NodeKind = NodeAttrs["kind"];

/** An index: joins port `sourcePort` of the edge's source to `targetPort` of its target. */
export interface EdgeAttrs {
  sourcePort: number;
  targetPort: number;
  dim: Dim;
}

export interface GraphAttrs {
  /** The next free number for a node key. */
  next: number;
}

export type TermGraph = MultiUndirectedGraph<NodeAttrs, EdgeAttrs, GraphAttrs>;

export interface Term {
  readonly coeff: Coefficient;
  readonly graph: TermGraph;
}

export interface Network {
  readonly shape: Shape;
  readonly terms: readonly Term[];
}
