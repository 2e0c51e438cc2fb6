/**
 * The contraction planner: the order of pairwise contractions of a tensor network and its cost.
 */
export { type PathStep, pathCost } from "./cost.js";
export { greedyPath } from "./greedy.js";
export { effectiveLabels, keptLabels, labelSize } from "./labels.js";
export { optimalPath } from "./optimal.js";
export { type Plan, type PlanOptions, planContraction } from "./plan.js";
