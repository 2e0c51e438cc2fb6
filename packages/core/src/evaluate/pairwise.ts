/**
 * One pairwise step of a contraction. Labels of the two operands fall into four groups: batch
 * (on both and kept), contracted (on both and not kept), and each side's free labels. The left
 * operand is arranged as [batch, free, contracted], the right as [batch, contracted, free], and
 * one batched matrix product gives the result with labels [batch, left free, right free]. The
 * product reads its operands through strides, so an operand whose groups each lie contiguously
 * (in any order of the groups: a transpose) is used in place; only one whose groups interleave is
 * copied into the group order first. Which operand goes left, and the order of labels within each
 * group, are chosen so that as few entries as possible are copied: the order of the shared labels
 * follows the larger operand, and of the two orientations the one with less to copy wins
 * (`contract` reads the result by its labels, so their order is free). A step that sums no label
 * is not a matrix product at all but an elementwise one, laid out as the larger operand is.
 */
import { multiplyViews } from "./elementwise.js";
import { type BatchStrides, batchedMatmul } from "./gemm.js";
import { allocate as allocateInHeap, release } from "./heap.js";
import { arrange, type Operand, sumLabels } from "./operand.js";
import { innerRun } from "./strided.js";
import { size, strides } from "./tensor.js";

/**
 * The strides that read `op` as a [g₀, g₁, g₂] batch of matrices, each group's labels flattened
 * row-major in the given order, or null when a group's labels do not lie contiguously in that
 * order (then the operand must be copied).
 */
function groupStrides(op: Operand, groups: readonly (readonly number[])[]): BatchStrides | null {
  const st = strides(op.tensor.shape);
  const out: number[] = [];
  for (const group of groups) {
    const axes = group.map((l) => op.labels.indexOf(l));
    for (let t = 0; t + 1 < axes.length; t++) {
      if (st[axes[t]] !== st[axes[t + 1]] * op.tensor.shape[axes[t + 1]]) return null;
    }
    out.push(axes.length === 0 ? 0 : st[axes[axes.length - 1]]);
  }
  return [out[0], out[1], out[2]];
}

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
  const moved =
    (groupStrides(left, [batch, freeLeft, summed]) ? 0 : size(left.tensor.shape)) +
    (groupStrides(right, [batch, summed, freeRight]) ? 0 : size(right.tensor.shape));
  return { left, right, batch, summed, freeLeft, freeRight, moved };
}

/**
 * The product of two operands that share only kept labels: on the larger operand's labels in its
 * own order (so it is read straight through), with the other's remaining labels after them or
 * before them, whichever leaves the longer innermost runs (each run is one loop call), or on a tie
 * whichever is in `kept`'s order.
 */
function elementwiseProduct(
  a: Operand,
  b: Operand,
  kept: readonly number[],
  allocate: (n: number) => Float64Array,
): Operand {
  const [big, small] = size(a.tensor.shape) >= size(b.tensor.shape) ? [a, b] : [b, a];
  const own = small.labels.filter((l) => !big.labels.includes(l));
  const layout = (labels: number[]) => {
    const view = (op: Operand) => {
      const st = strides(op.tensor.shape);
      return labels.map((l) => (op.labels.includes(l) ? st[op.labels.indexOf(l)] : 0));
    };
    const shape = labels.map((l) => {
      const owner = big.labels.includes(l) ? big : small;
      return owner.tensor.shape[owner.labels.indexOf(l)];
    });
    const views = [view(big), view(small)];
    return { labels, shape, views, run: innerRun(shape, views) };
  };
  const after = layout([...big.labels, ...own]);
  const before = layout([...own, ...big.labels]);
  const inOrder = (l: { labels: number[] }) => l.labels.every((label, k) => label === kept[k]);
  const { labels, shape, views } =
    before.run > after.run || (before.run === after.run && inOrder(before) && !inOrder(after))
      ? before
      : after;
  const data = allocate(size(shape));
  multiplyViews(shape, big.tensor.data, views[0], small.tensor.data, views[1], data);
  return { tensor: { shape, data }, labels };
}

/**
 * Contracts `a` and `b` (distinct labels each), keeping exactly the labels in `kept` (in an order
 * of its choosing: `kept`'s own when that costs no more copying) and summing the rest. The
 * result's array comes from `allocate` (its contents are overwritten).
 *
 * @example
 * // a matrix product: A[0,1] · B[1,2] keeping [0, 2]
 * contractPair({ tensor: A, labels: [0, 1] }, { tensor: B, labels: [1, 2] }, [0, 2])
 */
export function contractPair(
  a: Operand,
  b: Operand,
  kept: readonly number[],
  allocate: (n: number) => Float64Array = (n) => new Float64Array(n),
): Operand {
  const keep = new Set(kept);
  // A label on one side only that is not kept is a plain sum over that side.
  const x = sumLabels(a, (l) => keep.has(l) || b.labels.includes(l));
  const y = sumLabels(b, (l) => keep.has(l) || a.labels.includes(l));
  const missing = kept.filter((l) => !x.labels.includes(l) && !y.labels.includes(l));
  if (missing.length > 0) {
    throw new Error(`contractPair: the planned labels [${missing}] are on neither operand`);
  }
  if (x.labels.every((l) => keep.has(l) || !y.labels.includes(l))) {
    return elementwiseProduct(x, y, kept, allocate);
  }
  const forward = layout(x, y, keep);
  const backward = layout(y, x, keep);
  // the orientation with less to copy; on a tie, one whose result comes in `kept`'s order
  const inOrder = (l: Layout) =>
    [...l.batch, ...l.freeLeft, ...l.freeRight].every((label, k) => label === kept[k]);
  const { left, right, batch, summed, freeLeft, freeRight } =
    backward.moved < forward.moved ||
    (backward.moved === forward.moved && inOrder(backward) && !inOrder(forward))
      ? backward
      : forward;
  const labels = [...batch, ...freeLeft, ...freeRight];
  const dims = (op: Operand, ls: readonly number[]) =>
    ls.map((label) => op.tensor.shape[op.labels.indexOf(label)]);
  const batchShape = dims(left, batch);
  const leftShape = dims(left, freeLeft);
  const rightShape = dims(right, freeRight);
  const [t, m, k, n] = [batchShape, leftShape, dims(left, summed), rightShape].map(size);
  // an operand whose groups interleave is copied, into the kernels' memory when it can be (so
  // the SIMD packers read it), and freed after the product
  const copies: Float64Array[] = [];
  const read = (op: Operand, groups: number[][]) => {
    const st = groupStrides(op, groups);
    if (st !== null) return { data: op.tensor.data, st };
    const scratch = allocateInHeap(size(op.tensor.shape));
    if (scratch !== null) copies.push(scratch);
    const copy = arrange(op, groups.flat(), scratch ?? undefined).tensor;
    const [rows, cols] = groups.slice(1).map((g) => size(dims(op, g)));
    return { data: copy.data, st: [rows * cols, cols, 1] as const };
  };
  try {
    const l = read(left, [batch, freeLeft, summed]);
    const r = read(right, [batch, summed, freeRight]);
    const data = batchedMatmul(l.data, r.data, t, m, k, n, l.st, r.st, allocate(t * m * n));
    return { tensor: { shape: [...batchShape, ...leftShape, ...rightShape], data }, labels };
  } finally {
    for (const copy of copies) release(copy);
  }
}
