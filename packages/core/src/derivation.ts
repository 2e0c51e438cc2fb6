/**
 * Derivations: the sequence of rewrites from an expression to its simplified derivative, as data
 * that a printer or the diagram renderer can show step by step.
 *
 * @example
 * derivation({ source: "x * y * z", wrt: "x" }).map((s) => s.rule);
 * // ["expression", "differentiate by x (product rule over 1 occurrence)", "spider fusion …"]
 */
import type { Problem } from "./api.js";
import { derivative } from "./api.js";
import { differentiate } from "./calculus/differentiate.js";
import { Budget } from "./limits.js";
import type { Network } from "./network/types.js";
import { simplificationSteps } from "./simplify/simplify.js";
import { checkDerivativeArgs, checkProblem } from "./validate.js";

export interface Step {
  /** What was done, by name: "expression", "differentiate by x …", or a simplification pass. */
  rule: string;
  /** The rule applications behind a differentiation step (each removal, each chain rule). */
  details: string[];
  /** The network after the step. */
  network: Network;
  /** 1 for the first derivative's steps, 2 for the second's, …; 0 for the expression. */
  order: number;
}

function countOccurrences(events: readonly string[]): number {
  return events.filter((e) => e.startsWith("remove ")).length;
}

/** Every step from `problem.source` to its `order`-th derivative by `wrt`. */
export function derivation(problem: Problem & { wrt: string; order?: number }): Step[] {
  checkProblem(problem);
  checkDerivativeArgs(problem.wrt, problem.order ?? 1);
  const d = derivative({ ...problem, order: 1 });
  const steps: Step[] = [{ rule: "expression", details: [], network: d.expression, order: 0 }];
  let network = d.expression;
  const budget = new Budget(problem, problem.order ?? 1);
  for (let order = 1; order <= (problem.order ?? 1); order++) {
    const events: string[] = [];
    budget.start(order);
    network = differentiate(network, problem.wrt, d.wrtShape, events, budget);
    const n = countOccurrences(events);
    steps.push({
      rule: `differentiate by ${problem.wrt} (product rule over ${n} occurrence${n === 1 ? "" : "s"})`,
      details: events,
      network,
      order,
    });
    for (const s of simplificationSteps(network)) {
      steps.push({ rule: s.pass, details: [], network: s.network, order });
      network = s.network;
    }
  }
  return steps;
}
