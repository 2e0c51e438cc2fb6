/**
 * The randomized greedy search (opt_einsum's `random-greedy`): many greedy runs, each with its own
 * weight α ∈ [0.1, 4] of the operands' sizes and temperature T ∈ [0.01, 1] (both log-uniform), drawn
 * from a seeded generator; the first run is the plain greedy (α = 1, T = 0), so the result is never
 * worse than it. The cheapest runs are kept (ties: smaller peak, then earlier run), so the same
 * seed always gives the same plans; the planner refines each of them.
 */
import { Greedy } from "./greedy.js";
import type { Solution } from "./optimal.js";
import { mulberry32 } from "./random.js";
import type { DenseProblem } from "./tree.js";

/** Options of `randomGreedy`. */
export interface RandomGreedyOptions {
  trials: number;
  seed: number;
  maxIntermediate: number;
}

/**
 * The `keep` cheapest distinct results of `trials` greedy runs, cheapest first; empty when the
 * memory cap blocks all of them.
 *
 * @example randomGreedy(problem, { trials: 32, seed: 0, maxIntermediate: Infinity }, 3)[0].flops
 */
export function randomGreedy(
  problem: DenseProblem,
  options: RandomGreedyOptions,
  keep = 1,
): Solution[] {
  const random = mulberry32(options.seed);
  const logUniform = (lo: number, hi: number) => lo * (hi / lo) ** random();
  const best: Solution[] = [];
  const greedy = new Greedy(problem);
  for (let trial = 0; trial < Math.max(1, options.trials); trial++) {
    const alpha = trial === 0 ? 1 : logUniform(0.1, 4);
    const temperature = trial === 0 ? 0 : logUniform(0.01, 1);
    const found = greedy.run({
      alpha,
      temperature,
      random,
      maxIntermediate: options.maxIntermediate,
    });
    if (found === undefined || best.some((b) => b.flops === found.flops && b.peak === found.peak))
      continue;
    let at = best.length;
    while (at > 0 && cheaper(found, best[at - 1])) at--;
    if (at < keep) {
      best.splice(at, 0, found);
      if (best.length > keep) best.pop();
    }
  }
  return best;
}

function cheaper(a: Solution, b: Solution): boolean {
  return a.flops < b.flops || (a.flops === b.flops && a.peak < b.peak);
}
