/**
 * One pairwise step of a contraction. Labels of the two operands fall into four groups: batch
 * (on both and kept), contracted (on both and not kept), and each side's free labels. The left
 * operand is arranged as [batch, free, contracted], the right as [batch, contracted, free], and
 * one batched matrix product gives the result with labels [batch, left free, right free] — the
 * order `keptLabels` of the planner reports.
 */
import { batchedMatmul } from "./gemm.js";
import { arrange, type Operand, sumLabels } from "./operand.js";
import { size } from "./tensor.js";

/**
 * Contracts `a` and `b` (distinct labels each), keeping the labels in `kept` and summing the rest.
 *
 * @example
 * // a matrix product: A[0,1] · B[1,2] keeping [0, 2]
 * contractPair({ tensor: A, labels: [0, 1] }, { tensor: B, labels: [1, 2] }, [0, 2])
 */
export function contractPair(a: Operand, b: Operand, kept: readonly number[]): Operand {
  const keep = new Set(kept);
  // A label on one side only that is not kept is a plain sum over that side.
  const left = sumLabels(a, (l) => keep.has(l) || b.labels.includes(l));
  const right = sumLabels(b, (l) => keep.has(l) || a.labels.includes(l));
  const shared = left.labels.filter((l) => right.labels.includes(l));
  const batch = shared.filter((l) => keep.has(l));
  const summed = shared.filter((l) => !keep.has(l));
  const freeLeft = left.labels.filter((l) => !right.labels.includes(l));
  const freeRight = right.labels.filter((l) => !left.labels.includes(l));
  const labels = [...batch, ...freeLeft, ...freeRight];
  if (labels.length !== kept.length || labels.some((l, k) => kept[k] !== l)) {
    throw new Error(`contractPair: result labels [${labels}] differ from the planned [${kept}]`);
  }
  const x = arrange(left, [...batch, ...freeLeft, ...summed]).tensor;
  const y = arrange(right, [...batch, ...summed, ...freeRight]).tensor;
  const dims = (op: Operand, ls: readonly number[]) =>
    ls.map((l) => op.tensor.shape[op.labels.indexOf(l)]);
  const batchShape = dims(left, batch);
  const leftShape = dims(left, freeLeft);
  const rightShape = dims(right, freeRight);
  const data = batchedMatmul(
    x.data,
    y.data,
    size(batchShape),
    size(leftShape),
    size(dims(left, summed)),
    size(rightShape),
  );
  return { tensor: { shape: [...batchShape, ...leftShape, ...rightShape], data }, labels };
}
