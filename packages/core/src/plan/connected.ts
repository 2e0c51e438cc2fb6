/**
 * The exact planner for mid-sized networks: dynamic programming over connected subsets with cost
 * capping (Pfeifer, Haegeman and Verstraete 2014; opt_einsum's `dp`). Subsets are built level by
 * level (by how many operands they hold) and only by joining two disjoint subsets that share a
 * label, so a sparse network never enumerates the 3ⁿ splits of the exhaustive search. A pass keeps
 * only subproblems that cost at most a cap; the cap starts at a sixteenth of a known upper bound
 * (a refined greedy plan's flops, usually within a few per cent of the optimum) and grows fourfold
 * up to it. Any pass that finds a tree has found the optimum (every subtree of the optimum costs
 * no more than it), and a pass below the optimum builds far fewer subsets than one at it, so the
 * failed passes are cheap. Within a connected network no outer product is taken. A work budget
 * (candidates looked at plus joins scored, over all passes) makes the search give up
 * deterministically, not run long.
 * Subsets are operand bitmasks and label sets bitmasks (`bits.ts`): a join's cost needs only the
 * labels both sides hold, and a candidate is one word test away from being skipped.
 */
import { bitsProduct, type LabelSets, labelSets, WORD } from "./bits.js";
import type { Solution } from "./optimal.js";
import { SubsetIndex } from "./subsetIndex.js";
import type { DenseProblem, Tree } from "./tree.js";

/** The largest network this search takes (subsets are 31-bit masks). */
export const CONNECTED_LIMIT = 30;

/** The work of scoring one join, in units of one candidate looked at. */
const JOIN_WORK = 16;

/**
 * The cheapest tree without outer products over a connected dense problem whose optimum costs at
 * most `upperBound` flops; `undefined` when none exists within the memory cap, `"budget"` when the
 * search would need more than `budget` units of work (one per candidate looked at, 16 per join).
 *
 * @example connectedTree(denseProblem(ring, [], sizes), Infinity, greedyFlops, 1e6)
 */
export function connectedTree(
  problem: DenseProblem,
  maxIntermediate: number,
  upperBound: number,
  budget: number,
): Solution | undefined | "budget" {
  const n = problem.operands.length;
  if (n > CONNECTED_LIMIT) throw new RangeError(`plan: connected search over ${n} operands`);
  if (n === 1) return { tree: 0, flops: 0, peak: 0 };
  const table = spare ?? new Table();
  spare = undefined;
  table.setUp(labelSets(problem), n, maxIntermediate, budget);
  let cap = Math.max(1, upperBound / 16);
  for (;;) {
    const last = cap >= upperBound;
    const found = pass(table, last ? upperBound : cap);
    if (found === "budget" || found !== undefined || last) {
      if (table.masks.length <= KEEP_ROOM) spare = table;
      return found;
    }
    cap *= 4;
  }
}

/** The table of the last search, for the next (a plan makes one search or none). */
let spare: Table | undefined;
/** A table with room for more entries than this is not kept. */
const KEEP_ROOM = 1 << 14;

/**
 * One pass: the cheapest tree of cost at most `cap`, if there is one. The subsets of `size`
 * operands are entries `starts[size] … starts[size + 1] − 1`, made by joining each subset of m
 * operands with each disjoint neighbouring subset of size − m.
 */
function pass(t: Table, cap: number): Solution | undefined | "budget" {
  t.start(cap);
  // (t.masks is read afresh: a join may grow the table's arrays)
  const { n, starts, holding } = t;
  for (let size = 2; size <= n; size++) {
    for (let m = 1; m <= size >> 1; m++) {
      const end = starts[m + 1];
      const from = starts[size - m];
      const to = starts[size - m + 1];
      for (let e1 = starts[m]; e1 < end; e1++) {
        const m1 = t.masks[e1];
        const nb = t.neighbours[e1];
        for (let b = nb; b !== 0; b &= b - 1)
          t.work -= holding[(size - m) * n + 31 - Math.clz32(b & -b)];
        if (t.work < 0) return "budget";
        for (let e2 = m === size - m ? e1 + 1 : from; e2 < to; e2++) {
          const m2 = t.masks[e2];
          if ((m2 & m1) === 0 && (m2 & nb) !== 0) t.join(e1, e2);
        }
      }
    }
    starts[size + 1] = t.count;
    for (let e = starts[size]; e < t.count; e++) {
      for (let b = t.masks[e]; b !== 0; b &= b - 1) holding[size * n + 31 - Math.clz32(b & -b)]++;
    }
  }
  const top = t.found.get(t.full);
  if (top < 0) return undefined;
  const build = (e: number): Tree =>
    t.lefts[e] < 0 ? 31 - Math.clz32(t.masks[e]) : [build(t.lefts[e]), build(t.rights[e])];
  return { tree: build(top), flops: t.flops[top], peak: t.peaks[top] };
}

/**
 * The subsets a pass has built, one entry each in parallel arrays: the operands (a bitmask), their
 * neighbours, the tensor's size and kept labels (`words` words), the cheapest flops and its peak,
 * and the two entries joined; the subsets of `size` operands are entries `starts[size] …
 * starts[size + 1] − 1`. The arrays grow as needed and are reused from pass to pass.
 */
class Table {
  sets: LabelSets = {
    words: 0,
    own: new Int32Array(0),
    outputs: new Int32Array(0),
    sizes: [],
    holders: [],
  };
  n = 0;
  full = 0;
  maxIntermediate = 0;
  /** The work left. */
  work = 0;
  masks = new Int32Array(256);
  neighbours = new Int32Array(256);
  sizes = new Float64Array(256);
  flops = new Float64Array(256);
  peaks = new Float64Array(256);
  lefts = new Int32Array(256);
  rights = new Int32Array(256);
  kept = new Int32Array(256);
  count = 0;
  /** The entry of each subset built. */
  readonly found = new SubsetIndex();
  readonly starts = new Int32Array(CONNECTED_LIMIT + 2);
  /**
   * holding[size · n + v]: how many subsets of `size` operands hold operand v (the work of looking
   * at the partners of a subset is their count over its neighbours).
   */
  readonly holding = new Int32Array((CONNECTED_LIMIT + 1) * CONNECTED_LIMIT);
  private cap = 0;
  /** The labels a join sums, per word. */
  private gone = new Int32Array(1);

  /** Ready for a search over `n` operands whose labels are `sets` (the arrays keep their room). */
  setUp(sets: LabelSets, n: number, maxIntermediate: number, work: number): void {
    this.sets = sets;
    this.n = n;
    this.full = (1 << n) - 1;
    this.maxIntermediate = maxIntermediate;
    this.work = work;
    if (this.gone.length < sets.words) this.gone = new Int32Array(sets.words);
    if (this.kept.length < this.masks.length * sets.words)
      this.kept = new Int32Array(this.masks.length * sets.words);
  }

  /** Back to the operands alone, for a pass capped at `cap`. */
  start(cap: number): void {
    const { words, own, sizes, holders } = this.sets;
    const { n } = this;
    this.cap = cap;
    this.count = 0;
    this.found.clear();
    this.starts[1] = 0;
    this.starts[2] = n;
    this.holding.fill(0, 0, (n + 1) * n);
    this.holding.fill(1, n, 2 * n);
    for (let k = 0; k < n; k++) {
      let neighbours = 0;
      let size = 1;
      for (let w = 0; w < words; w++) {
        const bits = own[k * words + w];
        this.kept[k * words + w] = bits;
        size *= bitsProduct(bits, w, sizes);
        for (let b = bits; b !== 0; b &= b - 1)
          neighbours |= holders[w * WORD + 31 - Math.clz32(b & -b)];
      }
      this.store(k, 1 << k, neighbours & ~(1 << k), size, 0, 0, -1, -1);
      this.count++;
    }
  }

  /**
   * Scores joining entries e1 and e2 (disjoint neighbours) and keeps the result if it fits the cap
   * and beats the subset's entry so far.
   */
  join(e1: number, e2: number): void {
    const base = this.flops[e1] + this.flops[e2];
    if (base > this.cap) return;
    this.work -= JOIN_WORK;
    const { words, outputs, sizes, holders } = this.sets;
    const { kept, gone } = this;
    const mask = this.masks[e1] | this.masks[e2];
    const outside = ~mask & this.full;
    // A label both sides hold is kept by both (so counted once in the step), and summed when
    // neither the output nor an operand outside holds it.
    let shared = 1;
    let summed = 1;
    let sums = false;
    for (let w = 0; w < words; w++) {
      let g = 0;
      for (let b = kept[e1 * words + w] & kept[e2 * words + w]; b !== 0; b &= b - 1) {
        const bit = b & -b;
        const l = w * WORD + 31 - Math.clz32(bit);
        shared *= sizes[l];
        if ((outputs[w] & bit) === 0 && (holders[l] & outside) === 0) {
          summed *= sizes[l];
          sums = true;
          g |= bit;
        }
      }
      gone[w] = g;
    }
    let union = 0;
    let size = 1;
    if (shared !== 0) {
      union = (this.sizes[e1] / shared) * this.sizes[e2];
      size = sums ? union / summed : union;
    } else {
      // a shared label of size 0: the step is empty, its result need not be
      for (let w = 0; w < words; w++) {
        const bits = (kept[e1 * words + w] | kept[e2 * words + w]) & ~gone[w];
        size *= bitsProduct(bits, w, sizes);
      }
    }
    const flops = base + (sums ? 2 * union : union);
    // Any tree through this subset still pays at least its size at the next step.
    if (mask !== this.full && (flops + size > this.cap || size > this.maxIntermediate)) return;
    if (flops > this.cap) return;
    const peak = Math.max(this.peaks[e1], this.peaks[e2], size);
    let e = this.found.get(mask);
    if (e < 0) {
      e = this.count++;
      if (e === this.masks.length) this.grow();
      this.found.add(mask, e);
    } else if (this.flops[e] < flops || (this.flops[e] === flops && this.peaks[e] <= peak)) return;
    const neighbours = (this.neighbours[e1] | this.neighbours[e2]) & ~mask;
    this.store(e, mask, neighbours, size, flops, peak, e1, e2);
    const to = this.kept;
    for (let w = 0; w < words; w++)
      to[e * words + w] = (to[e1 * words + w] | to[e2 * words + w]) & ~gone[w];
  }

  private store(
    e: number,
    mask: number,
    neighbours: number,
    size: number,
    flops: number,
    peak: number,
    left: number,
    right: number,
  ): void {
    this.masks[e] = mask;
    this.neighbours[e] = neighbours;
    this.sizes[e] = size;
    this.flops[e] = flops;
    this.peaks[e] = peak;
    this.lefts[e] = left;
    this.rights[e] = right;
  }

  /** Twice the room for entries. */
  private grow(): void {
    const room = 2 * this.masks.length;
    this.masks = grown(this.masks, new Int32Array(room));
    this.neighbours = grown(this.neighbours, new Int32Array(room));
    this.sizes = grown(this.sizes, new Float64Array(room));
    this.flops = grown(this.flops, new Float64Array(room));
    this.peaks = grown(this.peaks, new Float64Array(room));
    this.lefts = grown(this.lefts, new Int32Array(room));
    this.rights = grown(this.rights, new Int32Array(room));
    // (kept may have room for more words per entry, from an earlier search)
    this.kept = grown(
      this.kept,
      new Int32Array(Math.max(room * this.sets.words, 2 * this.kept.length)),
    );
  }
}

function grown<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
