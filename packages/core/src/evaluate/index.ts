/**
 * Numbers: dense tensors, einsum contraction along a planned order, and the numeric functions.
 */
export { type Contraction, compileContraction, contract, type Operand } from "./contract.js";
export {
  type ElementwiseName,
  elementwise,
  logsumexp,
  map,
  norm,
  power,
  softmax,
} from "./functions.js";
export { determinant, inverse, type LU, logAbsDet, lu } from "./linalg.js";
export { fromNested, type NestedArray, toNested } from "./nested.js";
export { type EquationRun, type RunOptions, runEquation } from "./run.js";
export { scalarTensor, size, strides, type Tensor, tensor } from "./tensor.js";
export { wasmKernelKind } from "./wasmRuntime.js";
