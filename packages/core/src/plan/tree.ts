/**
 * Contraction trees and the dense form every search works on. A tree is a leaf (the position of an
 * operand) or a pair of trees; its steps in post-order are a path in `numpy.einsum_path`'s form.
 * `denseProblem` renumbers labels 0…L−1 and keeps their sizes in a typed array, so the searches can
 * mark labels in stamp arrays instead of hashing them; `stepOf` is the cost model of `cost.ts` on
 * that form: what a pairwise step keeps, its flops and its result's size.
 */
import type { PathStep } from "./cost.js";

/** A contraction tree over operand positions: a leaf index or a pair of subtrees. */
export type Tree = number | readonly [Tree, Tree];

/** Operands as dense label ids, with each label's size and whether the output holds it. */
export interface DenseProblem {
  operands: Int32Array[];
  sizes: Float64Array;
  inOutput: Uint8Array;
  /** How many operands hold each label. */
  holders: Int32Array;
}

/**
 * The dense form of operands that carry their effective labels (see `effectiveLabels`).
 *
 * @example denseProblem([[7, 9], [9]], [7], new Map([[7, 2], [9, 3]])).operands // [[0, 1], [1]]
 */
export function denseProblem(
  inputs: readonly (readonly number[])[],
  output: readonly number[],
  sizes: ReadonlyMap<number, number>,
): DenseProblem {
  const ids = new Map<number, number>();
  for (const labels of inputs) for (const l of labels) if (!ids.has(l)) ids.set(l, ids.size);
  const dense = new Float64Array(ids.size);
  const inOutput = new Uint8Array(ids.size);
  const holders = new Int32Array(ids.size);
  const outputSet = new Set(output);
  for (const [l, id] of ids) {
    const d = sizes.get(l);
    if (d === undefined) throw new Error(`plan: label ${l} has no size`);
    dense[id] = d;
    inOutput[id] = outputSet.has(l) ? 1 : 0;
  }
  const operands = inputs.map((labels) => {
    const renumbered = new Int32Array(labels.length);
    for (let k = 0; k < labels.length; k++) renumbered[k] = ids.get(labels[k]) as number;
    return renumbered;
  });
  for (const labels of operands) for (const id of labels) holders[id]++;
  return { operands, sizes: dense, inOutput, holders };
}

/** The result of one pairwise step in the dense form. */
export interface Step {
  labels: Int32Array;
  size: number;
  flops: number;
}

/**
 * Contracting tensors with labels `a` and `b`, where `keep(id)` says whether a label of the union
 * is still needed (by the output or an operand outside both): the result's labels, its size and the
 * step's flops — `size(a ∪ b)`, doubled when the step sums a label. `stamp` is scratch space of one
 * entry per label; `tick` must be a value it does not yet hold.
 *
 * @example stepOf(Int32Array.of(0, 1), Int32Array.of(1), sizes, () => false, stamp, 1) // a dot product
 */
export function stepOf(
  a: Int32Array,
  b: Int32Array,
  sizes: Float64Array,
  keep: (id: number) => boolean,
  stamp: Int32Array,
  tick: number,
): Step {
  let union = 1;
  let count = 0;
  const kept: number[] = [];
  let size = 1;
  for (let pass = 0; pass < 2; pass++) {
    for (const id of pass === 0 ? a : b) {
      if (stamp[id] === tick) continue;
      stamp[id] = tick;
      union *= sizes[id];
      count++;
      if (keep(id)) {
        kept.push(id);
        size *= sizes[id];
      }
    }
  }
  return {
    labels: Int32Array.from(kept),
    size,
    flops: union * (kept.length < count ? 2 : 1),
  };
}

/**
 * The steps of `tree` over operands 0…n−1 in post-order, as positions in the shrinking list.
 *
 * @example treeToPath(3, [0, [1, 2]]) // [[1, 2], [0, 1]]
 */
export function treeToPath(n: number, tree: Tree): PathStep[] {
  const current = Array.from({ length: n }, (_, k) => k);
  const path: PathStep[] = [];
  let next = n;
  const build = (node: Tree): number => {
    if (typeof node === "number") return node;
    const a = build(node[0]);
    const b = build(node[1]);
    const i = current.indexOf(a);
    const j = current.indexOf(b);
    path.push([Math.min(i, j), Math.max(i, j)]);
    current.splice(Math.max(i, j), 1);
    current.splice(Math.min(i, j), 1);
    current.push(next);
    return next++;
  };
  build(tree);
  return path;
}

/**
 * The tree a path describes over operands 0…n−1 (the inverse of `treeToPath`); `undefined` for
 * no operands.
 *
 * @example pathToTree(3, [[1, 2], [0, 1]]) // [0, [1, 2]]
 */
export function pathToTree(n: number, path: readonly PathStep[]): Tree | undefined {
  const current: Tree[] = Array.from({ length: n }, (_, k) => k);
  for (const [i, j] of path) {
    const pair: Tree = [current[i], current[j]];
    current.splice(Math.max(i, j), 1);
    current.splice(Math.min(i, j), 1);
    current.push(pair);
  }
  return current[0];
}
