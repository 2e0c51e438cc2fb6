/**
 * The greedy planner for networks too large for an exact search, in opt_einsum's form. At each
 * step it contracts the pair with the lowest score `size(result) − α·(size(a) + size(b))` — with
 * α = 1, the pair that shrinks memory most — ties broken by the step's flops and then by position,
 * so the plain greedy is deterministic. The randomized variant (`temperature > 0`) draws among the
 * eight best pairs with Boltzmann weights `exp(−(score − best) / (T·max(1, |best|)))` from a seeded
 * source; `randomGreedy.ts` runs many such trials. Only pairs that share a label are candidates
 * (found through each label's holders, so a sparse network costs little per step); when none is
 * left, the components are joined by outer products, smallest first. A pair whose result exceeds
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

interface Node {
  labels: Int32Array;
  size: number;
  tree: Tree;
  peak: number;
}

interface Candidate {
  i: number;
  j: number;
  labels: Int32Array;
  size: number;
  score: number;
  flops: number;
}

const BRANCH = 8;

/**
 * One greedy run over a dense problem; `undefined` when the memory cap blocks every pair.
 *
 * @example greedyTree(problem, { alpha: 1, temperature: 0, random: Math.random, maxIntermediate: Infinity })
 */
export function greedyTree(problem: DenseProblem, choice: GreedyChoice): Solution | undefined {
  const { sizes, inOutput } = problem;
  const count = Int32Array.from(problem.holders);
  const holders: number[][] = Array.from({ length: sizes.length }, () => []);
  const nodes: (Node | undefined)[] = problem.operands.map((labels, k) => {
    for (const id of labels) holders[id].push(k);
    let size = 1;
    for (const id of labels) size *= sizes[id];
    return { labels, size, tree: k, peak: 0 };
  });
  let alive = nodes.length;
  if (alive === 0) return undefined;
  const stamp = new Int32Array(sizes.length);
  const scratch = new Int32Array(sizes.length);
  let tick = 0;
  let flops = 0;
  const evaluate = (i: number, j: number): Candidate => {
    const a = nodes[i] as Node;
    const b = nodes[j] as Node;
    tick += 2;
    for (const id of a.labels) stamp[id] = tick;
    let union = 1;
    let n = 0;
    let kept = 0;
    let size = 1;
    for (const id of b.labels) {
      if (stamp[id] === tick) {
        stamp[id] = tick + 1;
        continue;
      }
      union *= sizes[id];
      n++;
      if (inOutput[id] === 1 || count[id] > 1) {
        scratch[kept++] = id;
        size *= sizes[id];
      }
    }
    for (const id of a.labels) {
      union *= sizes[id];
      n++;
      if (inOutput[id] === 1 || count[id] > (stamp[id] === tick + 1 ? 2 : 1)) {
        scratch[kept++] = id;
        size *= sizes[id];
      }
    }
    const score = size - choice.alpha * (a.size + b.size);
    const f = union * (kept < n ? 2 : 1);
    return { i, j, labels: scratch.slice(0, kept), size, score, flops: f };
  };
  // Candidate pairs; a pair whose operand is gone is dropped when the list is next scanned.
  let pairs: Candidate[] = [];
  const marks = new Int32Array(2 * nodes.length).fill(-1);
  const connect = (k: number): void => {
    for (const id of (nodes[k] as Node).labels) {
      for (const other of holders[id]) {
        if (other === k || marks[other] === k) continue;
        marks[other] = k;
        pairs.push(other < k ? evaluate(other, k) : evaluate(k, other));
      }
    }
  };
  for (let k = 0; k < nodes.length; k++) connect(k);
  while (alive > 1) {
    const last = alive === 2;
    const best: Candidate[] = [];
    const live: Candidate[] = [];
    for (const c of pairs) {
      if (nodes[c.i] === undefined || nodes[c.j] === undefined) continue;
      live.push(c);
      if (c.size > choice.maxIntermediate && !last) continue;
      rank(best, c, choice.temperature > 0 ? BRANCH : 1);
    }
    pairs = live;
    if (best.length === 0) {
      // No connected pair fits: join the two smallest remaining tensors.
      let x = -1;
      let y = -1;
      for (let k = 0; k < nodes.length; k++) {
        const node = nodes[k];
        if (node === undefined) continue;
        if (x < 0 || node.size < (nodes[x] as Node).size) {
          y = x;
          x = k;
        } else if (y < 0 || node.size < (nodes[y] as Node).size) y = k;
      }
      const c = evaluate(Math.min(x, y), Math.max(x, y));
      if (c.size > choice.maxIntermediate && !last) return undefined;
      best.push(c);
    }
    const c = choice.temperature > 0 ? draw(best, choice) : best[0];
    const a = nodes[c.i] as Node;
    const b = nodes[c.j] as Node;
    flops += c.flops;
    for (const id of a.labels) {
      count[id]--;
      holders[id].splice(holders[id].indexOf(c.i), 1);
    }
    for (const id of b.labels) {
      count[id]--;
      holders[id].splice(holders[id].indexOf(c.j), 1);
    }
    nodes[c.i] = undefined;
    nodes[c.j] = undefined;
    const k = nodes.length;
    for (const id of c.labels) {
      count[id]++;
      holders[id].push(k);
    }
    const peak = Math.max(a.peak, b.peak, c.size);
    nodes.push({ labels: c.labels, size: c.size, tree: [a.tree, b.tree], peak });
    alive--;
    if (alive > 1) {
      // A hyperedge both operands held now has one holder fewer: the pairs of its other holders
      // may now sum it, so they are scored again.
      const touched = new Set<number>();
      for (const id of c.labels) {
        if (a.labels.includes(id) && b.labels.includes(id)) {
          for (const x of holders[id]) if (x !== k) touched.add(x);
        }
      }
      if (touched.size > 1) {
        pairs = pairs.filter((p) => !(touched.has(p.i) && touched.has(p.j)));
        for (const x of touched) {
          marks.fill(-1);
          for (const id of (nodes[x] as Node).labels) {
            for (const y of holders[id]) {
              if (y > x && touched.has(y) && marks[y] !== x) {
                marks[y] = x;
                pairs.push(evaluate(x, y));
              }
            }
          }
        }
        marks.fill(-1);
      }
      connect(k);
    }
  }
  const root = nodes[nodes.length - 1] as Node;
  return { tree: root.tree, flops, peak: root.peak };
}

/** Inserts `c` into the sorted list of the best `keep` candidates. */
function rank(best: Candidate[], c: Candidate, keep: number): void {
  let at = best.length;
  while (at > 0 && before(c, best[at - 1])) at--;
  if (at >= keep) return;
  best.splice(at, 0, c);
  if (best.length > keep) best.pop();
}

function before(c: Candidate, d: Candidate): boolean {
  if (c.score !== d.score) return c.score < d.score;
  if (c.flops !== d.flops) return c.flops < d.flops;
  return c.i !== d.i ? c.i < d.i : c.j < d.j;
}

function draw(best: readonly Candidate[], choice: GreedyChoice): Candidate {
  const top = best[0].score;
  const t = choice.temperature * Math.max(1, Math.abs(top));
  const weights = best.map((c) => Math.exp(-(c.score - top) / t));
  let x = choice.random() * weights.reduce((s, w) => s + w, 0);
  for (let k = 0; k < best.length; k++) {
    x -= weights[k];
    if (x < 0) return best[k];
  }
  return best[best.length - 1];
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
