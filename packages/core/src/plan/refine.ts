/**
 * Refinement of a contraction tree by re-solving its small subtrees exactly (subtree
 * reconfiguration, as in cotengra). For each internal node X, a frontier of at most eight subtrees
 * is grown from X by repeatedly opening the frontier subtree whose last step is most expensive;
 * the tensors of the frontier, with X's labels as the output, form a small network whose optimal
 * tree (`optimalTree`, all splits) replaces the steps between X and the frontier when it is strictly
 * cheaper (the region's current cost bounds that search). X's labels do not change, so nothing
 * above X changes; passes repeat until one finds no improvement, and a region found optimal is not
 * solved again until one of its nodes changes. A node knows, for each label it keeps, how many of
 * the network's operands below it hold that label — a label survives a step iff the output needs
 * it or operands outside hold it.
 */
import { optimalTree, type Solution } from "./optimal.js";
import type { DenseProblem, Tree } from "./tree.js";

interface Node {
  left?: Node;
  right?: Node;
  leaf: number;
  labels: Int32Array;
  /** How many operands below hold each kept label (parallel to `labels`; a leaf's may run longer). */
  counts: Int32Array;
  size: number;
  /** The flops of this node's own step (0 for a leaf). */
  flops: number;
  dead: boolean;
  /** When the node was made or last replaced, on a clock that ticks at every replacement. */
  made: number;
  /** When the node's region was last found optimal (−1: never). */
  checked: number;
}

/**
 * A tree at most as expensive as `solution`'s, with every subtree of ≤ `maxLeaves` pieces optimal.
 *
 * @example refineTree(problem, randomGreedy(problem, options), 8, Infinity).flops // ≤ the greedy's
 */
export function refineTree(
  problem: DenseProblem,
  solution: Solution,
  maxLeaves: number,
  maxIntermediate: number,
): Solution {
  const { sizes, inOutput, holders } = problem;
  let clock = 0;
  // a join's kept labels and their counts (copied out at the end), its union's size and label count
  const labels = new Int32Array(sizes.length);
  const counts = new Int32Array(sizes.length);
  let kept = 0;
  let size = 1;
  let union = 1;
  let n = 0;
  const add = (id: number, c: number) => {
    union *= sizes[id];
    n++;
    if (inOutput[id] === 1 || c < holders[id]) {
      labels[kept] = id;
      counts[kept++] = c;
      size *= sizes[id];
    }
  };
  const join = (left: Node, right: Node): Node => {
    kept = 0;
    size = 1;
    union = 1;
    n = 0;
    for (let k = 0; k < left.labels.length; k++) {
      const id = left.labels[k];
      const r = right.labels.indexOf(id);
      add(id, left.counts[k] + (r >= 0 ? right.counts[r] : 0));
    }
    for (let k = 0; k < right.labels.length; k++) {
      const id = right.labels[k];
      if (!left.labels.includes(id)) add(id, right.counts[k]);
    }
    return {
      left,
      right,
      leaf: -1,
      labels: labels.slice(0, kept),
      counts: counts.slice(0, kept),
      size,
      flops: union * (kept < n ? 2 : 1),
      dead: false,
      made: clock,
      checked: -1,
    };
  };
  // every leaf holds each of its labels once
  let ones = new Int32Array(0);
  for (const operand of problem.operands) {
    if (operand.length > ones.length) ones = new Int32Array(operand.length).fill(1);
  }
  const leaf = (k: number): Node => ({
    leaf: k,
    labels: problem.operands[k],
    counts: ones,
    size: 0,
    flops: 0,
    dead: false,
    made: 0,
    checked: -1,
  });
  const build = (t: Tree): Node =>
    typeof t === "number" ? leaf(t) : join(build(t[0]), build(t[1]));
  const root = build(solution.tree);
  const output = new Uint8Array(sizes.length);
  for (let passes = 0; passes < 16; passes++) {
    const internal: Node[] = [];
    const collect = (x: Node): void => {
      if (x.left === undefined || x.right === undefined) return;
      collect(x.left);
      collect(x.right);
      internal.push(x);
    };
    collect(root);
    let improved = false;
    for (const x of internal) {
      if (x.dead) continue;
      const frontier: Node[] = [x];
      let old = 0;
      const region: Node[] = [];
      while (frontier.length < maxLeaves) {
        let at = -1;
        for (let k = 0; k < frontier.length; k++) {
          if (frontier[k].left !== undefined && (at < 0 || frontier[k].flops > frontier[at].flops))
            at = k;
        }
        if (at < 0) break;
        const open = frontier[at];
        region.push(open);
        old += open.flops;
        // open takes its place in the frontier: its left child, then its right
        frontier.push(open);
        for (let k = frontier.length - 1; k > at + 1; k--) frontier[k] = frontier[k - 1];
        frontier[at] = open.left as Node;
        frontier[at + 1] = open.right as Node;
      }
      if (frontier.length < 3) continue;
      // Nothing in the region changed since it was last found optimal: it still is.
      if (x.checked >= 0 && madeBy(region, x.checked) && madeBy(frontier, x.checked)) continue;
      output.fill(0);
      for (const id of x.labels) output[id] = 1;
      const sub: DenseProblem = {
        operands: frontier.map((f) => f.labels),
        sizes,
        inOutput: output,
        holders,
      };
      const best = optimalTree(sub, maxIntermediate, old);
      if (best === undefined || best.flops >= old) {
        x.checked = clock;
        continue;
      }
      clock++;
      for (const r of region) r.dead = true;
      const make = (t: Tree): Node =>
        typeof t === "number" ? frontier[t] : join(make(t[0]), make(t[1]));
      const replacement = make(best.tree);
      // Keep the object identity of x so the parent's pointer stays valid.
      Object.assign(x, replacement, { dead: false, checked: -1 });
      improved = true;
    }
    if (!improved) break;
  }
  let flops = 0;
  let peak = 0;
  const toTree = (x: Node): Tree => {
    if (x.left === undefined || x.right === undefined) return x.leaf;
    flops += x.flops;
    peak = Math.max(peak, x.size);
    return [toTree(x.left), toTree(x.right)];
  };
  const tree = toTree(root);
  return { tree, flops, peak };
}

/** Whether every node was made (or last replaced) by `time`. */
function madeBy(nodes: readonly Node[], time: number): boolean {
  for (const y of nodes) if (y.made > time) return false;
  return true;
}
