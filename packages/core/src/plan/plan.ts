/**
 * `planContraction`: the order in which to contract a tensor network pairwise. Operands are lists
 * of integer labels (hyperedges and repeated labels allowed), the output is a list of labels
 * (repeats allowed: a diagonal), and `sizes` gives every label's dimension. Preprocessing sums
 * one-sided labels and, in networks too large for the exhaustive search, merges duplicate Hadamard
 * operands; then each connected component is planned on its own — the exhaustive search over
 * all splits up to 8 operands; up to `optimalUpTo` operands the capped connected search (as
 * opt_einsum's `dp`), capped by a few randomized greedy runs refined, then small subtrees
 * re-solved over all splits (outer products included); above that, or when the connected search runs out of
 * budget, the seeded randomized greedy refined by re-solving small subtrees — and the components
 * are joined by outer products, smallest first. A small network that is searched exhaustively as
 * a whole gets the exact optimum over all trees. The answer is a path in `numpy.einsum_path`'s form
 * and its cost in the model of `cost.ts` (the search's own count when one search planned the whole
 * network, else `pathCost` of the path).
 */
import { DiagradError } from "../language/span.js";
import { CONNECTED_LIMIT, connectedTree } from "./connected.js";
import { type PathStep, pathCost } from "./cost.js";
import { mergeDuplicates } from "./duplicates.js";
import { effectiveLabels, labelSize } from "./labels.js";
import { optimalTree, type Solution } from "./optimal.js";
import { randomGreedy } from "./randomGreedy.js";
import { refineTree } from "./refine.js";
import { type DenseProblem, denseProblem, type Tree, treeToPath } from "./tree.js";

/** A contraction order and its cost: `flops` in opt_einsum's model, `peak` entries in the largest intermediate. */
export interface Plan {
  path: PathStep[];
  flops: number;
  peak: number;
}

/** Options of `planContraction`; every search honours `maxIntermediate`. */
export interface PlanOptions {
  /** The largest component searched exactly (default 20, at most 30); greedy and refinement above. */
  optimalUpTo?: number;
  /** No intermediate tensor may hold more entries (default: no cap). The final result is exempt. */
  maxIntermediate?: number;
  /** The seed of the randomized greedy (default 0). */
  seed?: number;
  /** How many randomized greedy runs (default 64). */
  trials?: number;
  /**
   * Work units (candidates looked at, 16 per join scored) the connected search may spend (default
   * 32,000,000, a few hundred ms); past it the plan is the randomized greedy's, refined.
   */
  budget?: number;
}

/** Components of at most this many operands are searched over all splits, outer products included. */
const EXHAUSTIVE_LIMIT = 8;
const REFINE_LEAVES = 8;
/**
 * The connected search's default work budget: 2.5× what the bench's hardest problem of ≤ 20
 * tensors needs (a 3×3 PEPS norm of bond 2: 1.3·10⁷ units, ≈ 0.1 s).
 */
const SEARCH_BUDGET = 32_000_000;
/** Subtrees re-solved over all splits after the connected search (which takes no outer product). */
const OUTER_LEAVES = 5;
/** Greedy runs whose cheapest caps the connected search. */
const BOUND_TRIALS = 4;
/** How many of the cheapest greedy runs are refined. */
const REFINED_RUNS = 3;

/**
 * Plans a contraction: each path step names two positions in the current operand list; both are
 * removed and their result appended. One operand (or none) gives an empty path. Throws a
 * `DiagradError` (kind "value") when no order keeps the intermediates within `maxIntermediate`.
 *
 * @example
 * // A (1000×2) · B (2×1000) · C (1000×2): contract B·C first.
 * planContraction([[0, 1], [1, 2], [2, 3]], [0, 3], new Map([[0, 1000], [1, 2], [2, 1000], [3, 2]]))
 * // { path: [[1, 2], [0, 1]], flops: 16000, peak: 2000 }
 */
export function planContraction(
  inputs: readonly (readonly number[])[],
  output: readonly number[],
  sizes: ReadonlyMap<number, number>,
  options: PlanOptions = {},
): Plan {
  const limit = options.optimalUpTo ?? 20;
  if (limit > CONNECTED_LIMIT) {
    throw new RangeError(`planContraction: optimalUpTo is ${limit}, at most ${CONNECTED_LIMIT}`);
  }
  const cap = options.maxIntermediate ?? Number.POSITIVE_INFINITY;
  const effective = effectiveLabels(inputs, output);
  // Small networks are searched exhaustively as they are: merging duplicates first is not always
  // optimal in this cost model (a merge that sums a label pays the factor 2 a later step might not).
  const small = effective.length <= Math.min(limit, EXHAUSTIVE_LIMIT);
  const merged = small ? { steps: [], operands: effective } : mergeDuplicates(effective, output);
  const operands = merged.operands;
  const path: PathStep[] = [...merged.steps];
  if (operands.length <= 1) return { path, ...pathCost(inputs, output, sizes, path) };
  let whole: Solution | undefined;
  let tree: Tree;
  const exhaustive = operands.length <= Math.min(limit, EXHAUSTIVE_LIMIT);
  const parts = exhaustive ? [] : components(operands);
  if (exhaustive || parts.length === 1) {
    whole = exhaustive
      ? optimalTree(denseProblem(operands, output, sizes), cap)
      : planComponent(operands, output, sizes, limit, cap, options);
    if (whole === undefined) throw overCap(cap);
    tree = whole.tree;
  } else {
    const plan = (local: readonly (readonly number[])[]): Tree => {
      const solution = planComponent(local, output, sizes, limit, cap, options);
      if (solution === undefined) throw overCap(cap);
      return solution.tree;
    };
    tree = joinComponents(operands, parts, output, sizes, cap, plan);
  }
  path.push(...treeToPath(operands.length, tree));
  // A search over the whole network knows its path's cost already (in the model of `cost.ts`).
  if (whole !== undefined && merged.steps.length === 0) {
    return { path, flops: whole.flops, peak: whole.peak };
  }
  return { path, ...pathCost(inputs, output, sizes, path) };
}

/**
 * The tree that plans each component on its own (`plan` takes its operands, gives a tree over
 * their positions) and joins the results by outer products, smallest first.
 */
function joinComponents(
  operands: readonly (readonly number[])[],
  parts: readonly number[][],
  output: readonly number[],
  sizes: ReadonlyMap<number, number>,
  cap: number,
  plan: (local: readonly (readonly number[])[]) => Tree,
): Tree {
  const pieces = parts.map((members) => {
    const local = members.map((k) => operands[k]);
    const relabel = (t: Tree): Tree =>
      typeof t === "number" ? members[t] : [relabel(t[0]), relabel(t[1])];
    const labels = [...new Set(local.flat())].filter((l) => output.includes(l));
    return { tree: relabel(plan(local)), size: labelSize(labels, sizes), first: members[0] };
  });
  pieces.sort((a, b) => a.size - b.size || a.first - b.first);
  let size = pieces[0].size;
  let tree = pieces[0].tree;
  for (let k = 1; k < pieces.length; k++) {
    size *= pieces[k].size;
    if (size > cap && k < pieces.length - 1) throw overCap(cap);
    tree = [tree, pieces[k].tree];
  }
  return tree;
}

/** The best tree found for one connected component (positions local to `operands`). */
function planComponent(
  operands: readonly (readonly number[])[],
  output: readonly number[],
  sizes: ReadonlyMap<number, number>,
  limit: number,
  cap: number,
  options: PlanOptions,
): Solution | undefined {
  const problem = denseProblem(operands, output, sizes);
  if (operands.length === 1) return { tree: 0, flops: 0, peak: 0 };
  if (operands.length <= Math.min(limit, EXHAUSTIVE_LIMIT)) return optimalTree(problem, cap);
  const seed = options.seed ?? 0;
  if (operands.length <= limit) {
    const found = exactComponent(problem, cap, seed, options.budget ?? SEARCH_BUDGET);
    if (found !== undefined) return found;
  }
  const runs = randomGreedy(
    problem,
    { trials: options.trials ?? 64, seed, maxIntermediate: cap },
    REFINED_RUNS,
  );
  if (runs.length === 0) return undefined;
  let refined = refineTree(problem, runs[0], REFINE_LEAVES, cap);
  for (const run of runs.slice(1))
    refined = cheaper(refined, refineTree(problem, run, REFINE_LEAVES, cap));
  return refined;
}

/**
 * The exact connected search, capped by the cheapest of a few greedy runs, then re-solving small
 * subtrees over all splits (the search takes no outer product, and one can pay: a few small
 * tensors joined before a large one); `undefined` when the search runs out of budget or finds no
 * tree within the memory cap. A search that needs more than an eighth of the budget under the
 * greedy's flops runs again under the greedy refined: the closer the cap to the optimum, the
 * fewer subsets its last pass builds (the 3×3 PEPS norm of bond 3, 18 tensors: 4.5·10⁶ units of
 * work under the refined greedy's flops, the optimum there; 1.3·10⁷ under the plain greedy's,
 * 7.6× the optimum). Refining first would cost easy networks more than their whole search.
 */
function exactComponent(
  problem: DenseProblem,
  cap: number,
  seed: number,
  budget: number,
): Solution | undefined {
  const greedy = randomGreedy(problem, { trials: BOUND_TRIALS, seed, maxIntermediate: cap })[0];
  let bound = greedy?.flops ?? Number.POSITIVE_INFINITY;
  let exact = connectedTree(problem, cap, bound, budget / 8);
  let refined: Solution | undefined;
  if (exact === "budget" && greedy !== undefined) {
    refined = refineTree(problem, greedy, REFINE_LEAVES, cap);
    bound = refined.flops;
  }
  if (exact === "budget") exact = connectedTree(problem, cap, bound, budget);
  // nothing within the refined tree's flops: it takes an outer product and beats every tree
  // without one
  if (exact === undefined) return refined;
  if (exact === "budget") return undefined;
  return cheaper(refineTree(problem, cheaper(exact, greedy), OUTER_LEAVES, cap), refined);
}

/** The cheaper of two trees: fewer flops, then the smaller peak, then the first. */
function cheaper(a: Solution, b: Solution | undefined): Solution {
  if (b === undefined) return a;
  return b.flops < a.flops || (b.flops === a.flops && b.peak < a.peak) ? b : a;
}

/** The connected components of the operands (sharing a label connects two), each sorted. */
function components(operands: readonly (readonly number[])[]): number[][] {
  const parent = operands.map((_, k) => k);
  const find = (k: number): number => {
    if (parent[k] !== k) parent[k] = find(parent[k]);
    return parent[k];
  };
  const owner = new Map<number, number>();
  operands.forEach((labels, k) => {
    for (const l of labels) {
      const o = owner.get(l);
      if (o === undefined) owner.set(l, k);
      else parent[find(k)] = find(o);
    }
  });
  const groups = new Map<number, number[]>();
  operands.forEach((_, k) => {
    const root = find(k);
    const group = groups.get(root);
    if (group === undefined) groups.set(root, [k]);
    else group.push(k);
  });
  return [...groups.values()];
}

function overCap(cap: number): DiagradError {
  return new DiagradError(
    "value",
    `planContraction: no contraction order keeps every intermediate within ${cap} entries`,
  );
}
