/**
 * The exact planner for mid-sized networks: dynamic programming over connected subsets with cost
 * capping (Pfeifer, Haegeman and Verstraete 2014; opt_einsum's `dp`). Subsets are built level by
 * level (by how many operands they hold) and only by joining two disjoint subsets that share a
 * label, so a sparse network never enumerates the 3ⁿ splits of the exhaustive search. A pass keeps
 * only subproblems that cost at most a cap; the cap starts low and grows geometrically up to a
 * known upper bound (the greedy plan's flops), so the last pass is exact and the earlier ones are
 * cheap. Within a connected network no outer product is taken. A work budget (candidates looked at
 * plus joins scored, over all passes) makes the search give up deterministically, not run long.
 */
import type { Solution } from "./optimal.js";
import type { DenseProblem, Tree } from "./tree.js";

/** The largest network this search takes (subsets are 31-bit masks). */
export const CONNECTED_LIMIT = 30;

/** The work of scoring one join, in units of one candidate looked at. */
const JOIN_WORK = 16;

interface Entry {
  mask: number;
  neighbours: number;
  labels: Int32Array;
  size: number;
  flops: number;
  peak: number;
  left: number;
  right: number;
}

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
  const work = { left: budget };
  let cap = Math.max(1, upperBound / 256);
  for (;;) {
    const last = cap >= upperBound;
    const found = pass(problem, maxIntermediate, last ? upperBound : cap, work);
    if (found === "budget" || found !== undefined || last) return found;
    cap *= 8;
  }
}

function pass(
  problem: DenseProblem,
  maxIntermediate: number,
  cap: number,
  work: { left: number },
): Solution | undefined | "budget" {
  const { operands, sizes, inOutput } = problem;
  const n = operands.length;
  const full = (1 << n) - 1;
  const holders = new Int32Array(sizes.length);
  operands.forEach((labels, k) => {
    for (const id of labels) holders[id] |= 1 << k;
  });
  const adjacency = operands.map((labels) => {
    let m = 0;
    for (const id of labels) m |= holders[id];
    return m;
  });
  const entries = new Map<number, Entry>();
  const levels: Entry[][] = [[]];
  const byNode: Entry[][][] = [[]];
  levels[1] = operands.map((labels, k) => {
    const e: Entry = {
      mask: 1 << k,
      neighbours: adjacency[k] & ~(1 << k),
      labels,
      size: 0,
      flops: 0,
      peak: 0,
      left: 0,
      right: 0,
    };
    entries.set(e.mask, e);
    return e;
  });
  byNode[1] = levels[1].map((e) => [e]);
  const stamp = new Int32Array(sizes.length).fill(-1);
  const kept = new Int32Array(sizes.length);
  let tick = 0;
  for (let total = 2; total <= n; total++) {
    const level = new Map<number, Entry>();
    for (let m = 1; m <= total >> 1; m++) {
      const candidates = byNode[total - m];
      for (const e1 of levels[m]) {
        const nb = e1.neighbours;
        for (let rest = nb; rest !== 0; rest &= rest - 1) {
          const v = 31 - Math.clz32(rest & -rest);
          const bit = 1 << v;
          const list = candidates[v];
          work.left -= list.length;
          if (work.left < 0) return "budget";
          for (const e2 of list) {
            if ((e2.mask & e1.mask) !== 0) continue;
            const touch = e2.mask & nb;
            if ((touch & -touch) !== bit) continue;
            if (m === total - m && e2.mask < e1.mask) continue;
            const base = e1.flops + e2.flops;
            if (base > cap) continue;
            work.left -= JOIN_WORK;
            const mask = e1.mask | e2.mask;
            const outside = ~mask & full;
            tick++;
            let union = 1;
            let count = 0;
            let keptCount = 0;
            let size = 1;
            for (let side = 0; side < 2; side++) {
              for (const id of side === 0 ? e1.labels : e2.labels) {
                if (stamp[id] === tick) continue;
                stamp[id] = tick;
                union *= sizes[id];
                count++;
                if (inOutput[id] === 1 || (holders[id] & outside) !== 0) {
                  kept[keptCount++] = id;
                  size *= sizes[id];
                }
              }
            }
            const flops = base + (keptCount < count ? 2 * union : union);
            // Any tree through this subset still pays at least its size at the next step.
            if (mask !== full && (flops + size > cap || size > maxIntermediate)) continue;
            if (flops > cap) continue;
            const peak = Math.max(e1.peak, e2.peak, size);
            const old = level.get(mask);
            if (
              old !== undefined &&
              (old.flops < flops || (old.flops === flops && old.peak <= peak))
            )
              continue;
            level.set(mask, {
              mask,
              neighbours: (e1.neighbours | e2.neighbours) & ~mask,
              labels: kept.slice(0, keptCount),
              size,
              flops,
              peak,
              left: e1.mask,
              right: e2.mask,
            });
          }
        }
      }
    }
    levels[total] = [...level.values()];
    byNode[total] = Array.from({ length: n }, () => []);
    for (const e of levels[total]) {
      entries.set(e.mask, e);
      for (let rest = e.mask; rest !== 0; rest &= rest - 1)
        byNode[total][31 - Math.clz32(rest & -rest)].push(e);
    }
  }
  const top = entries.get(full);
  if (top === undefined) return undefined;
  const build = (e: Entry): Tree =>
    e.left === 0
      ? 31 - Math.clz32(e.mask)
      : [build(entries.get(e.left) as Entry), build(entries.get(e.right) as Entry)];
  return { tree: build(top), flops: top.flops, peak: top.peak };
}
