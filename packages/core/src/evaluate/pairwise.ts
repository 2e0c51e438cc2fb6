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
import { type Operand, planArrange, planSum, type Shaped, type Step } from "./operand.js";
import { innerRun } from "./strided.js";
import { size, strides } from "./tensor.js";

/**
 * The strides that read `op` as a [g₀, g₁, g₂] batch of matrices, each group's labels flattened
 * row-major in the given order, or null when a group's labels do not lie contiguously in that
 * order (then the operand must be copied).
 */
function groupStrides(op: Shaped, groups: readonly (readonly number[])[]): BatchStrides | null {
  const st = strides(op.shape);
  const out: number[] = [];
  for (const group of groups) {
    const axes = group.map((l) => op.labels.indexOf(l));
    for (let t = 0; t + 1 < axes.length; t++) {
      if (st[axes[t]] !== st[axes[t + 1]] * op.shape[axes[t + 1]]) return null;
    }
    out.push(axes.length === 0 ? 0 : st[axes[axes.length - 1]]);
  }
  return [out[0], out[1], out[2]];
}

interface Layout {
  left: Shaped;
  right: Shaped;
  batch: number[];
  summed: number[];
  freeLeft: number[];
  freeRight: number[];
  moved: number;
}

function layout(left: Shaped, right: Shaped, keep: ReadonlySet<number>): Layout {
  const big = size(left.shape) >= size(right.shape) ? left : right;
  const other = big === left ? right : left;
  const shared = big.labels.filter((l) => other.labels.includes(l));
  const batch = shared.filter((l) => keep.has(l));
  const summed = shared.filter((l) => !keep.has(l));
  const freeLeft = left.labels.filter((l) => !right.labels.includes(l));
  const freeRight = right.labels.filter((l) => !left.labels.includes(l));
  const moved =
    (groupStrides(left, [batch, freeLeft, summed]) ? 0 : size(left.shape)) +
    (groupStrides(right, [batch, summed, freeRight]) ? 0 : size(right.shape));
  return { left, right, batch, summed, freeLeft, freeRight, moved };
}

/**
 * The product of two operands that share only kept labels: on the larger operand's labels in its
 * own order (so it is read straight through), with the other's remaining labels after them or
 * before them, whichever leaves the longer innermost runs (each run is one loop call), or on a tie
 * whichever is in `kept`'s order.
 */
function elementwiseProduct(a: Shaped, b: Shaped, kept: readonly number[]): PairStep {
  const swap = size(a.shape) < size(b.shape);
  const [big, small] = swap ? [b, a] : [a, b];
  const own = small.labels.filter((l) => !big.labels.includes(l));
  const layout = (labels: number[]) => {
    const view = (op: Shaped) => {
      const st = strides(op.shape);
      return labels.map((l) => (op.labels.includes(l) ? st[op.labels.indexOf(l)] : 0));
    };
    const shape = labels.map((l) => {
      const owner = big.labels.includes(l) ? big : small;
      return owner.shape[owner.labels.indexOf(l)];
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
  const n = size(shape);
  const run = (x: Float64Array, y: Float64Array, allocate: (n: number) => Float64Array) => {
    const [u, v] = swap ? [y, x] : [x, y];
    return multiplyViews(shape, u, views[0], v, views[1], allocate(n));
  };
  return { labels, shape, run };
}

/**
 * A pairwise step planned for two labelled shapes: the labels and shape of its result, and `run`,
 * which computes the result from the two operands' data into an array from `allocate` (whose
 * contents it overwrites).
 */
export interface PairStep {
  labels: number[];
  shape: number[];
  run(a: Float64Array, b: Float64Array, allocate: (n: number) => Float64Array): Float64Array;
}

/** Reads an operand as a batch of matrices: in place through strides, or from a copy. */
type Reader = (data: Float64Array, copies: Float64Array[]) => [Float64Array, BatchStrides];

/**
 * A reader of `op` as a [g₀, g₁, g₂] batch of matrices: in place when its groups lie contiguously,
 * else from a copy in group order, made in the kernels' memory when it can be (so that the SIMD
 * packers read it) and pushed onto `copies` for the caller to free after the product.
 */
function reader(op: Shaped, groups: number[][]): Reader {
  const st = groupStrides(op, groups);
  if (st !== null) return (data) => [data, st];
  const order = planArrange(op, groups.flat()) as Step;
  const [rows, cols] = groups
    .slice(1)
    .map((g) => size(g.map((l) => op.shape[op.labels.indexOf(l)])));
  const copied: BatchStrides = [rows * cols, cols, 1];
  const n = size(op.shape);
  return (data, copies) => {
    const scratch = allocateInHeap(n);
    if (scratch !== null) copies.push(scratch);
    return [order.run(data, scratch ?? undefined), copied];
  };
}

/**
 * Plans the contraction of `a` and `b` (distinct labels each), keeping exactly the labels in
 * `kept` (in an order of its choosing: `kept`'s own when that costs no more copying) and summing
 * the rest.
 *
 * @example
 * // a matrix product: A[0,1] · B[1,2] keeping [0, 2]
 * planPair({ labels: [0, 1], shape: [2, 3] }, { labels: [1, 2], shape: [3, 4] }, [0, 2]).run(A, B, (n) => new Float64Array(n))
 */
export function planPair(a: Shaped, b: Shaped, kept: readonly number[]): PairStep {
  const keep = new Set(kept);
  // A label on one side only that is not kept is a plain sum over that side.
  const sumA = planSum(a, (l) => keep.has(l) || b.labels.includes(l));
  const sumB = planSum(b, (l) => keep.has(l) || a.labels.includes(l));
  const x = sumA ?? a;
  const y = sumB ?? b;
  const missing = kept.filter((l) => !x.labels.includes(l) && !y.labels.includes(l));
  if (missing.length > 0) {
    throw new Error(`contractPair: the planned labels [${missing}] are on neither operand`);
  }
  const step = x.labels.every((l) => keep.has(l) || !y.labels.includes(l))
    ? elementwiseProduct(x, y, kept)
    : matrixProduct(x, y, keep, kept);
  if (sumA === null && sumB === null) return step;
  const run = (u: Float64Array, v: Float64Array, allocate: (n: number) => Float64Array) =>
    step.run(sumA?.run(u) ?? u, sumB?.run(v) ?? v, allocate);
  return { labels: step.labels, shape: step.shape, run };
}

/** The step as a batched matrix product, oriented and laid out to copy as little as it can. */
function matrixProduct(
  x: Shaped,
  y: Shaped,
  keep: ReadonlySet<number>,
  kept: readonly number[],
): PairStep {
  const forward = layout(x, y, keep);
  const backward = layout(y, x, keep);
  // the orientation with less to copy; on a tie, one whose result comes in `kept`'s order
  const inOrder = (l: Layout) =>
    [...l.batch, ...l.freeLeft, ...l.freeRight].every((label, k) => label === kept[k]);
  const swap =
    backward.moved < forward.moved ||
    (backward.moved === forward.moved && inOrder(backward) && !inOrder(forward));
  const { left, right, batch, summed, freeLeft, freeRight } = swap ? backward : forward;
  const dims = (op: Shaped, ls: readonly number[]) =>
    ls.map((label) => op.shape[op.labels.indexOf(label)]);
  const batchShape = dims(left, batch);
  const leftShape = dims(left, freeLeft);
  const rightShape = dims(right, freeRight);
  const [t, m, k, n] = [batchShape, leftShape, dims(left, summed), rightShape].map(size);
  const readLeft = reader(left, [batch, freeLeft, summed]);
  const readRight = reader(right, [batch, summed, freeRight]);
  const run = (u: Float64Array, v: Float64Array, allocate: (n: number) => Float64Array) => {
    const copies: Float64Array[] = [];
    try {
      const [l, ls] = readLeft(swap ? v : u, copies);
      const [r, rs] = readRight(swap ? u : v, copies);
      return batchedMatmul(l, r, t, m, k, n, ls, rs, allocate(t * m * n));
    } finally {
      for (const copy of copies) release(copy);
    }
  };
  return {
    labels: [...batch, ...freeLeft, ...freeRight],
    shape: [...batchShape, ...leftShape, ...rightShape],
    run,
  };
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
  const shaped = (op: Operand) => ({ labels: op.labels, shape: op.tensor.shape });
  const step = planPair(shaped(a), shaped(b), kept);
  const data = step.run(a.tensor.data, b.tensor.data, allocate);
  return { tensor: { shape: step.shape, data }, labels: step.labels };
}
