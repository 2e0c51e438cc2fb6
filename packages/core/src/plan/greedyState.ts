/**
 * The state of a greedy run (`greedy.ts`): the tensors — the operands, then the results of the
 * steps so far — with the live tensors holding each label, and the candidate pairs kept sorted.
 * Both are built once per problem and reset from run to run, so a run allocates little beyond the
 * tree it returns.
 */
import type { Tree } from "./tree.js";

/**
 * The tensors of a run in parallel arrays: tensor t's labels are `labels[starts[t] …]`, `counts[t]`
 * of them. The operands (the first `operands` tensors) stay from run to run; a reset drops the
 * results. The live tensors holding label id are `holders[holderStart[id] …]`, `holderCount[id]`
 * of them, with room for as many as hold it at the start: a step that adds a holder removes one.
 */
export class Tensors {
  /** How many tensors there are (operands first). */
  count: number;
  readonly starts: number[];
  readonly counts: number[];
  readonly sizes: number[];
  readonly peaks: number[];
  readonly trees: Tree[];
  readonly labels: number[] = [];
  readonly holders: number[];
  readonly holderStart: number[];
  readonly holderCount: number[];
  private readonly operands: number;
  private readonly operandLabels: number;
  /** Where the next tensor's labels go (the array keeps its room from run to run). */
  private labelEnd: number;
  private readonly startHolders: number[];
  private readonly startHolderCount: number[];

  constructor(operands: readonly Int32Array[], sizes: Float64Array) {
    const n = operands.length;
    const labelCount = sizes.length;
    this.operands = n;
    this.count = n;
    this.starts = [];
    this.counts = [];
    this.sizes = [];
    this.peaks = [];
    this.trees = [];
    this.holderStart = [];
    this.holderCount = [];
    for (let id = 0; id < labelCount; id++) this.holderCount.push(0);
    for (const labels of operands) for (const id of labels) this.holderCount[id]++;
    let at = 0;
    for (let id = 0; id < labelCount; id++) {
      this.holderStart.push(at);
      at += this.holderCount[id];
      this.holderCount[id] = 0;
    }
    this.holders = new Array(at).fill(0);
    for (let k = 0; k < n; k++) {
      let size = 1;
      this.starts.push(this.labels.length);
      for (const id of operands[k]) {
        this.labels.push(id);
        this.holders[this.holderStart[id] + this.holderCount[id]++] = k;
        size *= sizes[id];
      }
      this.counts.push(operands[k].length);
      this.sizes.push(size);
      this.peaks.push(0);
      this.trees.push(k);
    }
    this.operandLabels = this.labels.length;
    this.labelEnd = this.operandLabels;
    this.startHolders = this.holders.slice();
    this.startHolderCount = this.holderCount.slice();
  }

  /** Back to the operands alone. */
  reset(): void {
    this.count = this.operands;
    this.labelEnd = this.operandLabels;
    for (let h = 0; h < this.holders.length; h++) this.holders[h] = this.startHolders[h];
    for (let id = 0; id < this.holderCount.length; id++)
      this.holderCount[id] = this.startHolderCount[id];
  }

  /** Appends a tensor with labels `kept[0 … keptCount − 1]` (each now held by it); its index. */
  push(kept: Int32Array, keptCount: number, size: number, tree: Tree, peak: number): number {
    const k = this.count++;
    this.starts[k] = this.labelEnd;
    for (let a = 0; a < keptCount; a++) {
      const id = kept[a];
      this.labels[this.labelEnd++] = id;
      this.holders[this.holderStart[id] + this.holderCount[id]++] = k;
    }
    this.counts[k] = keptCount;
    this.sizes[k] = size;
    this.trees[k] = tree;
    this.peaks[k] = peak;
    return k;
  }

  /** Removes tensor x from the holders of its labels (the last holder takes its place). */
  drop(x: number): void {
    const end = this.starts[x] + this.counts[x];
    for (let a = this.starts[x]; a < end; a++) {
      const id = this.labels[a];
      const first = this.holderStart[id];
      const last = first + --this.holderCount[id];
      let h = first;
      while (this.holders[h] !== x) h++;
      this.holders[h] = this.holders[last];
    }
  }
}

/**
 * The candidate pairs: tensors i < j, the result's size, the score and the flops of pair p in
 * parallel arrays, and the ids of the listed pairs best first (by score, then flops, then
 * positions; twins side by side).
 */
export class Pairs {
  i: number[] = [];
  j: number[] = [];
  size: number[] = [];
  score: number[] = [];
  flops: number[] = [];
  /** How many pairs there are. */
  made = 0;
  /** The ids of the listed pairs: `order[head … count − 1]`. */
  order: number[] = [];
  head = 0;
  count = 0;

  /** No pairs. */
  clear(): void {
    this.made = 0;
    this.head = 0;
    this.count = 0;
  }

  /** Lists a pair in its place (after its equals); its id. */
  add(i: number, j: number, size: number, score: number, flops: number): number {
    const p = this.made++;
    this.i[p] = i;
    this.j[p] = j;
    this.size[p] = size;
    this.score[p] = score;
    this.flops[p] = flops;
    const { order } = this;
    let lo = this.head;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(this, p, order[mid])) hi = mid;
      else lo = mid + 1;
    }
    // make room on the shorter side
    if (this.head > 0 && lo - this.head < this.count - lo) {
      for (let k = this.head; k < lo; k++) order[k - 1] = order[k];
      this.head--;
      order[lo - 1] = p;
    } else {
      for (let k = this.count; k > lo; k--) order[k] = order[k - 1];
      order[lo] = p;
      this.count++;
    }
    return p;
  }
}

function before(pairs: Pairs, p: number, q: number): boolean {
  if (pairs.score[p] !== pairs.score[q]) return pairs.score[p] < pairs.score[q];
  if (pairs.flops[p] !== pairs.flops[q]) return pairs.flops[p] < pairs.flops[q];
  return pairs.i[p] !== pairs.i[q] ? pairs.i[p] < pairs.i[q] : pairs.j[p] < pairs.j[q];
}
