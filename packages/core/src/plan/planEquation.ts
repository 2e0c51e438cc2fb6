/**
 * `planEquation`: the contraction planner on an einsum equation, as the CLI's `plan` command
 * reports it. The equation is parsed (`equation.ts`), each label gets its size from a record, and
 * the planner's path (in `numpy.einsum_path`'s form over the equation's operands), its flops in
 * opt_einsum's model, its peak intermediate size and the planning time come back together.
 */
import { DiagradError } from "../language/span.js";
import type { PathStep } from "./cost.js";
import { type Equation, parseEquation } from "./equation.js";
import { type PlanOptions, planContraction } from "./plan.js";

/** A planned equation: the path, its flops and peak, and the planning time in milliseconds. */
export interface EquationPlan {
  path: PathStep[];
  flops: number;
  peak: number;
  ms: number;
}

/** An equation as integer labels with a size for each: the planner's and evaluator's input. */
export interface NumberedEquation {
  inputs: number[][];
  output: number[];
  sizes: Map<number, number>;
  /** The label text of each integer label. */
  names: string[];
}

/**
 * Parses `equation` and numbers its labels (in order of first occurrence), taking each label's
 * size from `sizes`; a missing or invalid size is a `DiagradError` of kind "value".
 *
 * @example numberEquation("ij,jk->ik", { i: 2, j: 3, k: 4 }).inputs // [[0, 1], [1, 2]]
 */
export function numberEquation(
  equation: string,
  sizes: Readonly<Record<string, number>>,
): NumberedEquation {
  const parsed: Equation = parseEquation(equation);
  const names = [...parsed.labels.keys()];
  const ids = new Map(names.map((name, k) => [name, k]));
  const sizeMap = new Map<number, number>();
  for (const [name, span] of parsed.labels) {
    const d = Object.hasOwn(sizes, name) ? sizes[name] : undefined;
    if (d === undefined)
      throw new DiagradError("value", `einsum: no size for label '${name}'`, span);
    if (!Number.isInteger(d) || d < 0) {
      throw new DiagradError("value", `einsum: the size of '${name}' is ${d}, not a size`, span);
    }
    sizeMap.set(ids.get(name) as number, d);
  }
  const number = (labels: string[]) => labels.map((l) => ids.get(l) as number);
  return {
    inputs: parsed.inputs.map(number),
    output: number(parsed.output),
    sizes: sizeMap,
    names,
  };
}

/**
 * Plans an einsum equation given every label's size.
 *
 * @example
 * planEquation("ij,jk,kl->il", { i: 1000, j: 2, k: 1000, l: 2 })
 * // { path: [[1, 2], [0, 1]], flops: 16000, peak: 2000, ms: 0.1 }
 */
export function planEquation(
  equation: string,
  sizes: Readonly<Record<string, number>>,
  options: PlanOptions = {},
): EquationPlan {
  const { inputs, output, sizes: sizeMap } = numberEquation(equation, sizes);
  const start = performance.now();
  const plan = planContraction(inputs, output, sizeMap, options);
  return { ...plan, ms: performance.now() - start };
}
