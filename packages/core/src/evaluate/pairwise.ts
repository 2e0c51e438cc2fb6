/**
 * One pairwise step of a contraction. Labels of the two operands fall into four groups: batch
 * (on both and kept), contracted (on both and not kept), and each side's free labels. The left
 * operand is arranged as [batch, free, contracted], the right as [batch, contracted, free], and
 * one batched matrix product gives the result with labels [batch, left free, right free]. Which
 * operand goes left, and the order of labels within each group, are chosen so that as few entries
 * as possible are moved: the order of the shared labels follows the larger operand, and of the two
 * orientations the one with less data to transpose wins (`contract` reads the result by its labels,
 * so their order is free).
 */
import { batchedMatmul } from "./gemm.js";
import { arrange, type Operand, sumLabels } from "./operand.js";
import { size } from "./tensor.js";

interface Layout {
  left: Operand;
  right: Operand;
  batch: number[];
  summed: number[];
  freeLeft: number[];
  freeRight: number[];
  moved: number;
}

function layout(left: Operand, right: Operand, keep: ReadonlySet<number>): Layout {
  const big = size(left.tensor.shape) >= size(right.tensor.shape) ? left : right;
  const other = big === left ? right : left;
  const shared = big.labels.filter((l) => other.labels.includes(l));
  const batch = shared.filter((l) => keep.has(l));
  const summed = shared.filter((l) => !keep.has(l));
  const freeLeft = left.labels.filter((l) => !right.labels.includes(l));
  const freeRight = right.labels.filter((l) => !left.labels.includes(l));
  const same = (op: Operand, order: number[]) => order.every((l, k) => op.labels[k] === l);
  const moved =
    (same(left, [...batch, ...freeLeft, ...summed]) ? 0 : size(left.tensor.shape)) +
    (same(right, [...batch, ...summed, ...freeRight]) ? 0 : size(right.tensor.shape));
  return { left, right, batch, summed, freeLeft, freeRight, moved };
}

/**
 * Contracts `a` and `b` (distinct labels each), keeping exactly the labels in `kept` (in an order
 * of its choosing) and summing the rest.
 *
 * @example
 * // a matrix product: A[0,1] · B[1,2] keeping [0, 2]
 * contractPair({ tensor: A, labels: [0, 1] }, { tensor: B, labels: [1, 2] }, [0, 2])
 */
export function contractPair(a: Operand, b: Operand, kept: readonly number[]): Operand {
  const keep = new Set(kept);
  // A label on one side only that is not kept is a plain sum over that side.
  const x = sumLabels(a, (l) => keep.has(l) || b.labels.includes(l));
  const y = sumLabels(b, (l) => keep.has(l) || a.labels.includes(l));
  const forward = layout(x, y, keep);
  const backward = layout(y, x, keep);
  const { left, right, batch, summed, freeLeft, freeRight } =
    backward.moved < forward.moved ? backward : forward;
  const labels = [...batch, ...freeLeft, ...freeRight];
  if (labels.length !== kept.length || labels.some((l) => !keep.has(l))) {
    throw new Error(`contractPair: result labels [${labels}] differ from the planned [${kept}]`);
  }
  const l = arrange(left, [...batch, ...freeLeft, ...summed]).tensor;
  const r = arrange(right, [...batch, ...summed, ...freeRight]).tensor;
  const dims = (op: Operand, ls: readonly number[]) =>
    ls.map((label) => op.tensor.shape[op.labels.indexOf(label)]);
  const batchShape = dims(left, batch);
  const leftShape = dims(left, freeLeft);
  const rightShape = dims(right, freeRight);
  const data = batchedMatmul(
    l.data,
    r.data,
    size(batchShape),
    size(leftShape),
    size(dims(left, summed)),
    size(rightShape),
  );
  return { tensor: { shape: [...batchShape, ...leftShape, ...rightShape], data }, labels };
}
