/**
 * @diagrad/core: matrix and tensor expressions → tensor networks → derivatives → numbers.
 *
 * @example
 * import { derivative, evaluate, indexNotation } from "@diagrad/core";
 * const d = derivative({ source: "W @ (A * B)", wrt: "A" });
 * indexNotation(d.network).formula; // "W[i,k] B[k,l] δ[j,l]"
 */
export * from "./api.js";
export { buildNetwork } from "./build/build.js";
export { differentiate } from "./calculus/differentiate.js";
export * from "./check.js";
export { derivation, type Step } from "./derivation.js";
export { type Contraction, compileContraction, contract } from "./evaluate/contract.js";
export { type EquationRun, runEquation } from "./evaluate/index.js";
export { fromNested, toNested } from "./evaluate/nested.js";
export { evaluateNetwork } from "./evaluate/network.js";
export type { Tensor } from "./evaluate/tensor.js";
export { tensor } from "./evaluate/tensor.js";
export * from "./language/index.js";
export { Budget, defaultLimits, type Limits, MAX_ORDER, type Progress } from "./limits.js";
export type {
  Dim,
  EdgeAttrs,
  Network,
  NodeAttrs,
  Shape,
  Term,
  TermGraph,
} from "./network/types.js";
export { elementwiseFunctions, tensorFunctions } from "./network/types.js";
export type { Plan } from "./plan/index.js";
export { type EquationPlan, planContraction, planEquation } from "./plan/index.js";
export {
  type Backend,
  type FormulaOptions,
  type Formulas,
  formatCoefficient,
  formatNumber,
  formulas,
  inputFormula,
  type Layout,
  latexFormula,
  networkExpr,
  pythonCode,
  superscript,
  textFormula,
} from "./print/index.js";
export { indexNotation } from "./print/indexNotation.js";
export { graphKey, networkKey } from "./simplify/canonical.js";
export { passes, simplificationSteps, simplify } from "./simplify/simplify.js";
