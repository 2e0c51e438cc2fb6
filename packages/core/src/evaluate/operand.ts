/**
 * Labelled tensors and the one-operand steps of an einsum. An `Operand` is a tensor whose axes are
 * named by integer labels. `diagonal` merges repeated labels (Tᵢⱼᵢ → Tᵢⱼ), `sumLabels` sums out the
 * axes a predicate rejects, `arrange` permutes the axes into a given label order, and `expand`
 * lays a result out on the output labels: broadcasting along labels it lacks and writing onto the
 * diagonal when the output repeats a label. Each returns a new operand (or its input unchanged when
 * there is nothing to do) and never writes into its input. Each is also planned on its own
 * (`planDiagonal`, …) from labels and shape alone, so that a contraction run many times decides
 * its steps once (`contract.ts`).
 */
import { gather, scatter } from "./strided.js";
import { size, strides, type Tensor } from "./tensor.js";

/** A tensor with one integer label per axis; equal labels are summed over or kept together. */
export interface Operand {
  tensor: Tensor;
  labels: readonly number[];
}

function distinct(labels: readonly number[]): number[] {
  return [...new Set(labels)];
}

function shapeOf(labels: readonly number[], sizes: ReadonlyMap<number, number>): number[] {
  return labels.map((l) => {
    const d = sizes.get(l);
    if (d === undefined) throw new Error(`contract: label ${l} has no size`);
    return d;
  });
}

/** An operand's labels and shape without its data: what a step is planned for. */
export interface Shaped {
  labels: readonly number[];
  shape: readonly number[];
}

/**
 * A one-operand step planned for a labelled shape: the labels and shape it gives, and `run`,
 * which computes its data from the operand's (a fresh array, or `out` when given).
 */
export interface Step {
  labels: number[];
  shape: number[];
  run(data: Float64Array, out?: Float64Array): Float64Array;
}

/** The operand a step gives (or the operand itself when there is no step). */
function apply(op: Operand, step: Step | null, out?: Float64Array): Operand {
  if (step === null) return op;
  const data = step.run(op.tensor.data, out);
  return { tensor: { shape: step.shape, data }, labels: step.labels };
}

/** `diagonal` planned: null when no label repeats. */
export function planDiagonal(op: Shaped): Step | null {
  const labels = distinct(op.labels);
  if (labels.length === op.labels.length) return null;
  const st = strides(op.shape);
  const view = labels.map((l) => op.labels.reduce((s, m, k) => (m === l ? s + st[k] : s), 0));
  const shape = labels.map((l) => op.shape[op.labels.indexOf(l)]);
  return { labels, shape, run: (data, out) => gather(data, shape, view, out) };
}

/**
 * The operand with each repeated label merged into one axis (its first occurrence).
 *
 * @example diagonal({ tensor: tensor([2, 2], [1, 2, 3, 4]), labels: [0, 0] }) // [1, 4] on [0]
 */
export function diagonal(op: Operand): Operand {
  return apply(op, planDiagonal({ labels: op.labels, shape: op.tensor.shape }));
}

/** `arrange` planned: null when the labels are in that order already. */
export function planArrange(op: Shaped, labels: readonly number[]): Step | null {
  if (labels.length !== op.labels.length || labels.some((l) => !op.labels.includes(l))) {
    throw new Error(`arrange: labels [${labels}] are not a permutation of [${op.labels}]`);
  }
  if (labels.every((l, k) => op.labels[k] === l)) return null;
  const st = strides(op.shape);
  const axes = labels.map((l) => op.labels.indexOf(l));
  const shape = axes.map((a) => op.shape[a]);
  const view = axes.map((a) => st[a]);
  return { labels: [...labels], shape, run: (data, out) => gather(data, shape, view, out) };
}

/**
 * The operand with its (distinct) labels permuted into the order `labels` (written into `out`,
 * when given and a permutation is needed).
 *
 * @example arrange({ tensor: tensor([2, 2], [1, 2, 3, 4]), labels: [0, 1] }, [1, 0]) // [1, 3, 2, 4]
 */
export function arrange(op: Operand, labels: readonly number[], out?: Float64Array): Operand {
  return apply(op, planArrange({ labels: op.labels, shape: op.tensor.shape }, labels), out);
}

/** `sumLabels` planned: null when `keep` accepts every label. */
export function planSum(op: Shaped, keep: (label: number) => boolean): Step | null {
  const kept = op.labels.filter(keep);
  if (kept.length === op.labels.length) return null;
  const summed = op.labels.filter((l) => !keep(l));
  const order = planArrange(op, [...kept, ...summed]);
  const shape = kept.map((l) => op.shape[op.labels.indexOf(l)]);
  const n = size(shape);
  const block = size(op.shape) / Math.max(1, n);
  const run = (source: Float64Array, out = new Float64Array(n)) => {
    const values = order === null ? source : order.run(source);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = i * block, end = k + block; k < end; k++) s += values[k];
      out[i] = s;
    }
    return out;
  };
  return { labels: kept, shape, run };
}

/**
 * The operand summed over every (distinct) label that `keep` rejects.
 *
 * @example sumLabels({ tensor: tensor([2, 2], [1, 2, 3, 4]), labels: [0, 1] }, (l) => l === 0) // [3, 7]
 */
export function sumLabels(op: Operand, keep: (label: number) => boolean): Operand {
  return apply(op, planSum({ labels: op.labels, shape: op.tensor.shape }, keep));
}

/** `expand` planned: a step whose `run` always returns fresh data. */
export function planExpand(
  op: Shaped,
  output: readonly number[],
  sizes: ReadonlyMap<number, number>,
): Step {
  const labels = distinct(output);
  const missing = op.labels.filter((l) => !labels.includes(l));
  if (missing.length > 0) throw new Error(`expand: labels [${missing}] are not in the output`);
  const st = strides(op.shape);
  const shape = shapeOf(labels, sizes);
  const view = labels.map((l) => (op.labels.includes(l) ? st[op.labels.indexOf(l)] : 0));
  const outShape = shapeOf(output, sizes);
  if (labels.length === output.length) {
    const run = (data: Float64Array, out?: Float64Array) => gather(data, shape, view, out);
    return { labels: [...output], shape: outShape, run };
  }
  const outStrides = strides(outShape);
  const target = labels.map((l) =>
    output.reduce((s, m, k) => (m === l ? s + outStrides[k] : s), 0),
  );
  const run = (data: Float64Array, out?: Float64Array) =>
    scatter(gather(data, shape, view), shape, target, size(outShape), out);
  return { labels: [...output], shape: outShape, run };
}

/**
 * The tensor on `output` labels holding `op`'s entries: constant along output labels `op` lacks,
 * and zero off the diagonal where `output` repeats a label. Every label of `op` must be in `output`.
 * Always returns fresh data.
 *
 * @example expand({ tensor: tensor([2], [1, 2]), labels: [0] }, [0, 0], sizes) // [[1, 0], [0, 2]]
 */
export function expand(
  op: Operand,
  output: readonly number[],
  sizes: ReadonlyMap<number, number>,
): Tensor {
  const step = planExpand({ labels: op.labels, shape: op.tensor.shape }, output, sizes);
  return { shape: step.shape, data: step.run(op.tensor.data) };
}
