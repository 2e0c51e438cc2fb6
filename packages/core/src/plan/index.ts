/**
 * The contraction planner: the order of pairwise contractions of a tensor network and its cost.
 */
export { type PathStep, pathCost, stepFlops } from "./cost.js";
export { type Equation, parseEquation } from "./equation.js";
export { greedyPath } from "./greedy.js";
export { effectiveLabels, keptLabels, labelSize } from "./labels.js";
export { optimalPath } from "./optimal.js";
export { type Plan, type PlanOptions, planContraction } from "./plan.js";
export {
  type EquationPlan,
  type NumberedEquation,
  numberEquation,
  planEquation,
} from "./planEquation.js";
export { mulberry32 } from "./random.js";
