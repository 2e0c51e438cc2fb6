/**
 * The greedy planner for networks too large for an exact search, in opt_einsum's form. At each
 * step it contracts the pair with the lowest score `size(result) − α·(size(a) + size(b))` — with
 * α = 1, the pair that shrinks memory most — ties broken by the step's flops and then by position,
 * so the plain greedy is deterministic. The randomized variant (`temperature > 0`) draws among the
 * eight best pairs with Boltzmann weights `exp(−(score − best) / (T·max(1, |best|)))` from a seeded
 * source; `randomGreedy.ts` runs many such trials. Only pairs that share a label are candidates
 * (found through each label's holders, and kept sorted, so a step looks at the best few); when
 * none is left, the components are joined by outer products, smallest first. A pair whose result exceeds
 * the memory cap is never taken (the final result is exempt); if no pair fits, there is no plan.
 */

import type { PathStep } from "./cost.js";
import { effectiveLabels } from "./labels.js";
import type { Solution } from "./optimal.js";
import { type DenseProblem, denseProblem, type Tree, treeToPath } from "./tree.js";

/** How one greedy run chooses. */
export interface GreedyChoice {
  /** The weight α of the operands' sizes in the score (1: memory freed). */
  alpha: number;
  /** 0: always the best pair; above 0, a Boltzmann draw among the best eight. */
  temperature: number;
  /** Uniform numbers in [0, 1), used only when `temperature > 0`. */
  random: () => number;
  maxIntermediate: number;
}

const BRANCH = 8;

/**
 * One greedy run over a dense problem; `undefined` when the memory cap blocks every pair.
 *
 * @example greedyTree(problem, { alpha: 1, temperature: 0, random: Math.random, maxIntermediate: Infinity })
 */
export function greedyTree(problem: DenseProblem, choice: GreedyChoice): Solution | undefined {
  return new Greedy(problem).run(choice);
}

/**
 * Greedy runs over one problem. What every run starts from — the operands, each label's holders,
 * the pairs of operands that share a label with their steps' sizes and flops — is worked out once,
 * and the arrays of a run are reused by the next.
 */
export class Greedy {
  private readonly sizes: Float64Array;
  private readonly inOutput: Uint8Array;
  private readonly n: number;
  private readonly start: Tensors;
  private readonly startPairs: Pairs;
  /** The tensors of the current run: the operands, then the results. */
  private t: Tensors;
  private gone: Uint8Array;
  private pairs = new Pairs();
  private alpha = 1;
  /** Scratch: one stamp per label, one mark per tensor. */
  private stamp: Int32Array;
  private tick = 0;
  private marks: Int32Array;
  /** What `join` found: the kept labels (`kept[0 … keptCount − 1]`), the size and the flops. */
  private kept: Int32Array;
  private keptCount = 0;
  private size = 0;
  private flops = 0;
  private best = new Int32Array(BRANCH);
  private weights = new Float64Array(BRANCH);

  constructor(problem: DenseProblem) {
    const { operands, sizes } = problem;
    this.sizes = sizes;
    this.inOutput = problem.inOutput;
    this.n = operands.length;
    this.stamp = new Int32Array(sizes.length);
    this.marks = new Int32Array(2 * this.n).fill(-1);
    this.kept = new Int32Array(sizes.length);
    this.gone = new Uint8Array(2 * this.n);
    const t = new Tensors(sizes.length);
    operands.forEach((labels, k) => {
      let size = 1;
      t.starts.push(t.labels.length);
      for (const id of labels) {
        t.labels.push(id);
        t.holders[id].push(k);
        size *= sizes[id];
      }
      t.counts.push(labels.length);
      t.sizes.push(size);
      t.trees.push(k);
      t.peaks.push(0);
    });
    this.start = t;
    this.t = t;
    for (let k = 0; k < this.n; k++) {
      for (const id of operands[k]) {
        for (const other of t.holders[id]) {
          if (other <= k || this.marks[other] === k) continue;
          this.marks[other] = k;
          this.add(k, other);
        }
      }
    }
    this.startPairs = this.pairs;
    this.pairs = new Pairs();
  }

  /** One run; `undefined` when the memory cap blocks every pair. */
  run(choice: GreedyChoice): Solution | undefined {
    if (this.n === 0) return undefined;
    this.reset(choice.alpha);
    const { pairs, best } = this;
    const keep = choice.temperature > 0 ? BRANCH : 1;
    let flops = 0;
    for (let alive = this.n; alive > 1; alive--) {
      const last = alive === 2;
      let ranked = this.rank(keep, last ? Number.POSITIVE_INFINITY : choice.maxIntermediate);
      if (ranked === 0) {
        // No connected pair fits: join the two smallest remaining tensors.
        const [x, y] = this.smallestTwo();
        best[ranked++] = this.add(Math.min(x, y), Math.max(x, y));
        if (pairs.size[best[0]] > choice.maxIntermediate && !last) return undefined;
      }
      const c = choice.temperature > 0 ? this.draw(ranked, choice) : best[0];
      flops += pairs.flops[c];
      this.contract(pairs.i[c], pairs.j[c], pairs.size[c], alive > 2);
    }
    const root = this.t.sizes.length - 1;
    return { tree: this.t.trees[root], flops, peak: this.t.peaks[root] };
  }

  /**
   * Back to the operands. Every pair of operands is listed twice (drawn as two candidates, as the
   * planner always has: seeded plans stay the same).
   */
  private reset(alpha: number): void {
    this.alpha = alpha;
    this.t = this.start.copy();
    this.gone.fill(0);
    this.marks.fill(-1);
    const { pairs, startPairs } = this;
    pairs.clear();
    for (let p = 0; p < startPairs.made; p++) {
      for (let copy = 0; copy < 2; copy++) {
        const i = startPairs.i[p];
        const j = startPairs.j[p];
        pairs.add(
          i,
          j,
          startPairs.size[p],
          this.score(startPairs.size[p], i, j),
          startPairs.flops[p],
        );
      }
    }
  }

  /**
   * The `best[0 … ranked − 1]` live pairs whose result fits `cap`, best first (at most `keep`);
   * the pairs of tensors gone on the way are dropped.
   */
  private rank(keep: number, cap: number): number {
    const { pairs, best, gone } = this;
    const { order } = pairs;
    let ranked = 0;
    let live = 0;
    let at = pairs.head;
    for (; at < pairs.count && ranked < keep; at++) {
      const p = order[at];
      if (gone[pairs.i[p]] === 1 || gone[pairs.j[p]] === 1) continue;
      order[pairs.head + live++] = p;
      if (pairs.size[p] <= cap) best[ranked++] = p;
    }
    // the live pairs passed move up to just before the rest
    for (let k = live - 1; k >= 0; k--) order[at - live + k] = order[pairs.head + k];
    pairs.head = at - live;
    return ranked;
  }

  private score(size: number, i: number, j: number): number {
    return size - this.alpha * (this.t.sizes[i] + this.t.sizes[j]);
  }

  /**
   * Contracting tensors i and j: the kept labels (j's own first, then i's), the result's size and
   * the step's flops. A label is kept if the output or a third tensor holds it; afterwards the
   * labels both hold carry the stamp `tick + 1`.
   */
  private join(i: number, j: number): void {
    const { stamp, sizes, inOutput, kept, t } = this;
    const { holders, labels } = t;
    this.tick += 2;
    const tick = this.tick;
    const endA = t.starts[i] + t.counts[i];
    const endB = t.starts[j] + t.counts[j];
    for (let a = t.starts[i]; a < endA; a++) stamp[labels[a]] = tick;
    let union = 1;
    let count = 0;
    let k = 0;
    let size = 1;
    for (let b = t.starts[j]; b < endB; b++) {
      const id = labels[b];
      if (stamp[id] === tick) {
        stamp[id] = tick + 1;
        continue;
      }
      union *= sizes[id];
      count++;
      if (inOutput[id] === 1 || holders[id].length > 1) {
        kept[k++] = id;
        size *= sizes[id];
      }
    }
    for (let a = t.starts[i]; a < endA; a++) {
      const id = labels[a];
      union *= sizes[id];
      count++;
      if (inOutput[id] === 1 || holders[id].length > (stamp[id] === tick + 1 ? 2 : 1)) {
        kept[k++] = id;
        size *= sizes[id];
      }
    }
    this.keptCount = k;
    this.size = size;
    this.flops = union * (k < count ? 2 : 1);
  }

  /** Scores the pair of tensors i < j and lists it; its id. */
  private add(i: number, j: number): number {
    this.join(i, j);
    return this.pairs.add(i, j, this.size, this.score(this.size, i, j), this.flops);
  }

  /** Lists the pairs of tensor k with every other tensor sharing a label. */
  private connect(k: number): void {
    const { marks, t } = this;
    const end = t.starts[k] + t.counts[k];
    for (let a = t.starts[k]; a < end; a++) {
      for (const other of t.holders[t.labels[a]]) {
        if (other === k || marks[other] === k) continue;
        marks[other] = k;
        this.add(Math.min(k, other), Math.max(k, other));
      }
    }
  }

  /** The two smallest live tensors, smallest first (first found on ties). */
  private smallestTwo(): [number, number] {
    const sizes = this.t.sizes;
    let x = -1;
    let y = -1;
    for (let k = 0; k < sizes.length; k++) {
      if (this.gone[k] === 1) continue;
      if (x < 0 || sizes[k] < sizes[x]) {
        y = x;
        x = k;
      } else if (y < 0 || sizes[k] < sizes[y]) y = k;
    }
    return [x, y];
  }

  /** Replaces tensors i and j by their contraction and lists the new pairs. */
  private contract(i: number, j: number, size: number, more: boolean): void {
    this.join(i, j);
    const { t, kept, keptCount, stamp } = this;
    const shared = this.tick + 1;
    this.drop(i);
    this.drop(j);
    const k = t.sizes.length;
    t.starts.push(t.labels.length);
    for (let a = 0; a < keptCount; a++) {
      t.labels.push(kept[a]);
      t.holders[kept[a]].push(k);
    }
    t.counts.push(keptCount);
    t.sizes.push(size);
    t.trees.push([t.trees[i], t.trees[j]]);
    t.peaks.push(Math.max(t.peaks[i], t.peaks[j], size));
    if (!more) return;
    // A hyperedge both operands held now has one holder fewer: the pairs of its other holders may
    // now sum it, so they are scored again.
    const touched = this.marks;
    const tag = -2 - k;
    let count = 0;
    for (let a = 0; a < keptCount; a++) {
      if (stamp[kept[a]] !== shared) continue;
      for (const x of t.holders[kept[a]]) {
        if (x !== k && touched[x] !== tag) {
          touched[x] = tag;
          count++;
        }
      }
    }
    if (count > 1) this.rescore(tag);
    this.connect(k);
  }

  /** Removes tensor x from the live ones. */
  private drop(x: number): void {
    const t = this.t;
    const end = t.starts[x] + t.counts[x];
    for (let a = t.starts[x]; a < end; a++) remove(t.holders[t.labels[a]], x);
    this.gone[x] = 1;
  }

  /** Scores again every pair of tensors marked `tag` (the pairs are listed anew). */
  private rescore(tag: number): void {
    const { pairs, marks, t } = this;
    let live = pairs.head;
    for (let at = pairs.head; at < pairs.count; at++) {
      const p = pairs.order[at];
      if (marks[pairs.i[p]] !== tag || marks[pairs.j[p]] !== tag) pairs.order[live++] = p;
    }
    pairs.count = live;
    const touched: number[] = [];
    for (let x = 0; x < t.sizes.length; x++) if (marks[x] === tag) touched.push(x);
    const seen = new Int32Array(t.sizes.length).fill(-1);
    for (const x of touched) {
      const end = t.starts[x] + t.counts[x];
      for (let a = t.starts[x]; a < end; a++) {
        for (const y of t.holders[t.labels[a]]) {
          if (y > x && marks[y] === tag && seen[y] !== x) {
            seen[y] = x;
            this.add(x, y);
          }
        }
      }
    }
    for (const x of touched) marks[x] = -1;
  }

  /** A Boltzmann draw among the `ranked` best pairs. */
  private draw(ranked: number, choice: GreedyChoice): number {
    const { pairs, best, weights } = this;
    const top = pairs.score[best[0]];
    const t = choice.temperature * Math.max(1, Math.abs(top));
    let sum = 0;
    for (let k = 0; k < ranked; k++) {
      weights[k] = Math.exp(-(pairs.score[best[k]] - top) / t);
      sum += weights[k];
    }
    let x = choice.random() * sum;
    for (let k = 0; k < ranked; k++) {
      x -= weights[k];
      if (x < 0) return best[k];
    }
    return best[ranked - 1];
  }
}

/**
 * The tensors of a run in parallel arrays (tensor t's labels: `labels[starts[t] …]`, `counts[t]`
 * of them) and the live tensors holding each label.
 */
class Tensors {
  labels: number[] = [];
  starts: number[] = [];
  counts: number[] = [];
  sizes: number[] = [];
  trees: Tree[] = [];
  peaks: number[] = [];
  holders: number[][];

  constructor(labelCount: number) {
    this.holders = [];
    for (let id = 0; id < labelCount; id++) this.holders.push([]);
  }

  copy(): Tensors {
    const c = new Tensors(0);
    c.labels = this.labels.slice();
    c.starts = this.starts.slice();
    c.counts = this.counts.slice();
    c.sizes = this.sizes.slice();
    c.trees = this.trees.slice();
    c.peaks = this.peaks.slice();
    c.holders = this.holders.map((h) => h.slice());
    return c;
  }
}

/**
 * The candidate pairs: tensors i < j, the result's size, the score and the flops of pair p in
 * parallel arrays, and the ids of the listed pairs best first (by score, then flops, then
 * positions; twins side by side).
 */
class Pairs {
  i: number[] = [];
  j: number[] = [];
  size: number[] = [];
  score: number[] = [];
  flops: number[] = [];
  /** How many pairs there are. */
  made = 0;
  /** The ids of the listed pairs: `order[head … count − 1]`. */
  order = new Int32Array(64);
  head = 0;
  count = 0;

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
    const order = this.grow();
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

  /** The order, with room for one more. */
  private grow(): Int32Array {
    if (this.count === this.order.length) {
      const grown = new Int32Array(2 * (this.count - this.head) + 64);
      grown.set(this.order.subarray(this.head, this.count));
      this.count -= this.head;
      this.head = 0;
      this.order = grown;
    }
    return this.order;
  }
}

/** Removes one occurrence of `x` from `list` (order does not matter). */
function remove(list: number[], x: number): void {
  const at = list.indexOf(x);
  list[at] = list[list.length - 1];
  list.pop();
}

function before(pairs: Pairs, p: number, q: number): boolean {
  if (pairs.score[p] !== pairs.score[q]) return pairs.score[p] < pairs.score[q];
  if (pairs.flops[p] !== pairs.flops[q]) return pairs.flops[p] < pairs.flops[q];
  return pairs.i[p] !== pairs.i[q] ? pairs.i[p] < pairs.i[q] : pairs.j[p] < pairs.j[q];
}

/**
 * The plain greedy path (α = 1, no randomness) for operands that already carry their effective
 * labels (see `effectiveLabels`).
 *
 * @example greedyPath([[0, 1], [1, 2], [2, 3]], [0, 3], new Map([[0, 1000], [1, 2], [2, 1000], [3, 2]]))
 * // [[1, 2], [0, 1]]
 */
export function greedyPath(
  inputs: readonly (readonly number[])[],
  output: readonly number[],
  sizes: ReadonlyMap<number, number>,
): PathStep[] {
  if (inputs.length <= 1) return [];
  const problem = denseProblem(effectiveLabels(inputs, output), output, sizes);
  const choice = { alpha: 1, temperature: 0, random: () => 0, maxIntermediate: Infinity };
  return treeToPath(inputs.length, (greedyTree(problem, choice) as Solution).tree);
}
