/**
 * Labelled tensors and the one-operand steps of an einsum. An `Operand` is a tensor whose axes are
 * named by integer labels. `diagonal` merges repeated labels (Tᵢⱼᵢ → Tᵢⱼ), `sumLabels` sums out the
 * axes a predicate rejects, `arrange` permutes the axes into a given label order, and `expand`
 * lays a result out on the output labels: broadcasting along labels it lacks and writing onto the
 * diagonal when the output repeats a label. Each returns a new operand (or its input unchanged when
 * there is nothing to do) and never writes into its input.
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

/**
 * The operand with each repeated label merged into one axis (its first occurrence).
 *
 * @example diagonal({ tensor: tensor([2, 2], [1, 2, 3, 4]), labels: [0, 0] }) // [1, 4] on [0]
 */
export function diagonal(op: Operand): Operand {
  const labels = distinct(op.labels);
  if (labels.length === op.labels.length) return op;
  const st = strides(op.tensor.shape);
  const view = labels.map((l) => op.labels.reduce((s, m, k) => (m === l ? s + st[k] : s), 0));
  const shape = labels.map((l) => op.tensor.shape[op.labels.indexOf(l)]);
  return { tensor: { shape, data: gather(op.tensor.data, shape, view) }, labels };
}

/**
 * The operand with its (distinct) labels permuted into the order `labels` (written into `out`,
 * when given and a permutation is needed).
 *
 * @example arrange({ tensor: tensor([2, 2], [1, 2, 3, 4]), labels: [0, 1] }, [1, 0]) // [1, 3, 2, 4]
 */
export function arrange(op: Operand, labels: readonly number[], out?: Float64Array): Operand {
  if (labels.length !== op.labels.length || labels.some((l) => !op.labels.includes(l))) {
    throw new Error(`arrange: labels [${labels}] are not a permutation of [${op.labels}]`);
  }
  if (labels.every((l, k) => op.labels[k] === l)) return op;
  const st = strides(op.tensor.shape);
  const axes = labels.map((l) => op.labels.indexOf(l));
  const shape = axes.map((a) => op.tensor.shape[a]);
  const view = axes.map((a) => st[a]);
  const data = gather(op.tensor.data, shape, view, out);
  return { tensor: { shape, data }, labels: [...labels] };
}

/**
 * The operand summed over every (distinct) label that `keep` rejects.
 *
 * @example sumLabels({ tensor: tensor([2, 2], [1, 2, 3, 4]), labels: [0, 1] }, (l) => l === 0) // [3, 7]
 */
export function sumLabels(op: Operand, keep: (label: number) => boolean): Operand {
  const kept = op.labels.filter(keep);
  if (kept.length === op.labels.length) return op;
  const summed = op.labels.filter((l) => !keep(l));
  const { tensor } = arrange(op, [...kept, ...summed]);
  const shape = kept.map((l) => op.tensor.shape[op.labels.indexOf(l)]);
  const block = size(tensor.shape) / Math.max(1, size(shape));
  const n = size(shape);
  const data = new Float64Array(n);
  if (block > 0) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = i * block, end = k + block; k < end; k++) s += tensor.data[k];
      data[i] = s;
    }
  }
  return { tensor: { shape, data }, labels: kept };
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
  const labels = distinct(output);
  const missing = op.labels.filter((l) => !labels.includes(l));
  if (missing.length > 0) throw new Error(`expand: labels [${missing}] are not in the output`);
  const st = strides(op.tensor.shape);
  const shape = shapeOf(labels, sizes);
  const view = labels.map((l) => (op.labels.includes(l) ? st[op.labels.indexOf(l)] : 0));
  const values = gather(op.tensor.data, shape, view);
  const outShape = shapeOf(output, sizes);
  if (labels.length === output.length) return { shape: outShape, data: values };
  const outStrides = strides(outShape);
  const target = labels.map((l) =>
    output.reduce((s, m, k) => (m === l ? s + outStrides[k] : s), 0),
  );
  return { shape: outShape, data: scatter(values, shape, target, size(outShape)) };
}
