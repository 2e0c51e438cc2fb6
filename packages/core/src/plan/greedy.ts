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
import { Pairs, Tensors } from "./greedyState.js";
import { effectiveLabels } from "./labels.js";
import type { Solution } from "./optimal.js";
import { type DenseProblem, denseProblem, treeToPath } from "./tree.js";

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
  private readonly startPairs: Pairs;
  /** The tensors of the current run: the operands, then the results. */
  private readonly t: Tensors;
  private readonly gone: number[];
  private pairs = new Pairs();
  private alpha = 1;
  /** Scratch: one stamp per label, one mark per tensor. */
  private stamp: Int32Array;
  private tick = 0;
  private readonly marks: number[];
  /** What `join` found: the kept labels (`kept[0 … keptCount − 1]`), the size and the flops. */
  private kept: Int32Array;
  private keptCount = 0;
  private size = 0;
  private flops = 0;
  private best = new Int32Array(BRANCH);
  /** Scratch of `rescore`: one mark per tensor. */
  private readonly seen: number[];
  private weights = new Float64Array(BRANCH);

  constructor(problem: DenseProblem) {
    const { operands, sizes } = problem;
    this.sizes = sizes;
    this.inOutput = problem.inOutput;
    this.n = operands.length;
    this.stamp = new Int32Array(sizes.length);
    this.marks = new Array(2 * this.n).fill(-1);
    this.kept = new Int32Array(sizes.length);
    this.gone = new Array(2 * this.n).fill(0);
    this.seen = new Array(2 * this.n).fill(-1);
    const t = new Tensors(operands, sizes);
    this.t = t;
    for (let k = 0; k < this.n; k++) {
      for (const id of operands[k]) {
        const end = t.holderStart[id] + t.holderCount[id];
        for (let h = t.holderStart[id]; h < end; h++) {
          const other = t.holders[h];
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
    const root = this.t.count - 1;
    return { tree: this.t.trees[root], flops, peak: this.t.peaks[root] };
  }

  /**
   * Back to the operands. Every pair of operands is listed twice (drawn as two candidates, as the
   * planner always has: seeded plans stay the same).
   */
  private reset(alpha: number): void {
    this.alpha = alpha;
    this.t.reset();
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
    const { holderCount, labels } = t;
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
      if (inOutput[id] === 1 || holderCount[id] > 1) {
        kept[k++] = id;
        size *= sizes[id];
      }
    }
    for (let a = t.starts[i]; a < endA; a++) {
      const id = labels[a];
      union *= sizes[id];
      count++;
      if (inOutput[id] === 1 || holderCount[id] > (stamp[id] === tick + 1 ? 2 : 1)) {
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
      const id = t.labels[a];
      const last = t.holderStart[id] + t.holderCount[id];
      for (let h = t.holderStart[id]; h < last; h++) {
        const other = t.holders[h];
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
    for (let k = 0; k < this.t.count; k++) {
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
    t.drop(i);
    t.drop(j);
    this.gone[i] = 1;
    this.gone[j] = 1;
    const peak = Math.max(t.peaks[i], t.peaks[j], size);
    const k = t.push(kept, keptCount, size, [t.trees[i], t.trees[j]], peak);
    if (!more) return;
    // A hyperedge both operands held now has one holder fewer: the pairs of its other holders may
    // now sum it, so they are scored again.
    const touched = this.marks;
    const tag = -2 - k;
    let count = 0;
    for (let a = 0; a < keptCount; a++) {
      const id = kept[a];
      if (stamp[id] !== shared) continue;
      const end = t.holderStart[id] + t.holderCount[id];
      for (let h = t.holderStart[id]; h < end; h++) {
        const x = t.holders[h];
        if (x !== k && touched[x] !== tag) {
          touched[x] = tag;
          count++;
        }
      }
    }
    if (count > 1) this.rescore(tag);
    this.connect(k);
  }

  /** Scores again every pair of tensors marked `tag` (the pairs are listed anew). */
  private rescore(tag: number): void {
    const { pairs, marks, seen, t } = this;
    let live = pairs.head;
    for (let at = pairs.head; at < pairs.count; at++) {
      const p = pairs.order[at];
      if (marks[pairs.i[p]] !== tag || marks[pairs.j[p]] !== tag) pairs.order[live++] = p;
    }
    pairs.count = live;
    const touched: number[] = [];
    for (let x = 0; x < t.count; x++) if (marks[x] === tag) touched.push(x);
    seen.fill(-1);
    for (const x of touched) {
      const end = t.starts[x] + t.counts[x];
      for (let a = t.starts[x]; a < end; a++) {
        const id = t.labels[a];
        const last = t.holderStart[id] + t.holderCount[id];
        for (let h = t.holderStart[id]; h < last; h++) {
          const y = t.holders[h];
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
