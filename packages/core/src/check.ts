/**
 * The finite-difference checker: compares a derivative with central differences of the
 * derivative one order lower (the expression itself for order 1), entry by entry.
 *
 * @example
 * checkDerivative({ source: "x @ A @ x", wrt: "x", order: 2 }).maxRelativeError // ~1e-9
 */

import type { Problem, Values } from "./api.js";
import { derivative, evaluate, prepare, toTensors } from "./api.js";
import { checkedEntries, type Tensor } from "./evaluate/tensor.js";
import { dimFactors } from "./language/dims.js";
import { DiagradError } from "./language/span.js";
import type { Shape } from "./network/types.js";
import { mulberry32 } from "./plan/random.js";
import { checkDerivativeArgs, checkProblem, describe } from "./validate.js";

export interface Check {
  /**
   * max |analytic − numeric| over all entries, divided by the larger of max |numeric| and 1e-3 of
   * the largest entry of the differenced function (the expression, or the derivative one order
   * lower), below which central differences are noise.
   */
  maxRelativeError: number;
  analytic: Tensor;
  numeric: Tensor;
  values: Record<string, Tensor>;
}

/** The most entries the variable of a finite-difference check may have (two evaluations each). */
export const MAX_CHECK_ENTRIES = 4096;

/** A small seeded generator (mulberry32) so random checks repeat: `random(1)()` ∈ [0, 1). */
export const random = mulberry32;

/**
 * Random values for every variable: entries of size 0.5–1.5 with random signs (all positive when
 * `positive`); square matrices get their size added to the diagonal so they are well conditioned.
 * Symbolic dimensions get sizes 2, 3, 4, … in order.
 */
export function randomValues(
  variables: ReadonlyMap<string, Shape>,
  seed = 1,
  positive = false,
): Record<string, Tensor> {
  const next = random(seed);
  const sizes = new Map<string, number>();
  const size = (d: number | string) => {
    if (typeof d === "number") return d;
    const { coefficient, symbols } = dimFactors(d);
    return symbols.reduce((acc, f) => {
      if (!sizes.has(f)) sizes.set(f, 2 + (sizes.size % 3));
      return acc * (sizes.get(f) as number);
    }, coefficient);
  };
  const out: Record<string, Tensor> = {};
  for (const [name, shape] of variables) {
    const dims = shape.map(size);
    const entries = checkedEntries(
      dims.reduce((a, b) => a * b, 1),
      `the value of ${name}`,
    );
    const data = new Float64Array(entries).map(() => {
      const magnitude = 0.5 + next();
      return positive || next() < 0.5 ? magnitude : -magnitude;
    });
    if (dims.length === 2 && dims[0] === dims[1])
      for (let i = 0; i < dims[0]; i++) data[i * dims[0] + i] += dims[0];
    out[name] = { shape: dims, data };
  }
  return out;
}

function withEntry(
  values: Record<string, Tensor>,
  name: string,
  index: number,
  delta: number,
): Values {
  const t = values[name];
  const data = Float64Array.from(t.data);
  data[index] += delta;
  return { ...values, [name]: { shape: t.shape, data } };
}

/** Compares `derivative(problem)` at `values` (random when omitted) with central differences. */
export function checkDerivative(
  problem: Problem & { wrt: string; order?: number; seed?: number },
): Check {
  checkProblem(problem);
  const order = problem.order ?? 1;
  checkDerivativeArgs(problem.wrt, order);
  if (problem.seed !== undefined && !Number.isInteger(problem.seed))
    throw new DiagradError("usage", `seed must be an integer, got ${describe(problem.seed)}`);
  let values: Record<string, Tensor>;
  if (problem.values) values = Object.fromEntries(toTensors(problem.values));
  else {
    const shapes = derivative({ ...problem, order: 1 });
    const variables = new Map(shapes.variables).set(problem.wrt, shapes.wrtShape);
    const lower = prepare(problem);
    values = randomValues(variables, problem.seed ?? 1);
    if (!evaluate(lower, values).data.every(Number.isFinite))
      values = randomValues(variables, problem.seed ?? 1, true);
  }
  const d = derivative({ ...problem, values });
  const lower =
    order === 1
      ? prepare({ ...problem, values })
      : derivative({ ...problem, values, order: order - 1 });
  const analytic = evaluate(d, values);
  const x = Object.hasOwn(values, problem.wrt) ? values[problem.wrt] : undefined;
  if (!x)
    throw new DiagradError(
      "value",
      `no value for '${problem.wrt}', the variable to differentiate by`,
    );
  if (x.data.length > MAX_CHECK_ENTRIES)
    throw new DiagradError(
      "limit",
      `finite differences evaluate the expression twice per entry of ${problem.wrt}, which has ${x.data.length} entries; the checker takes at most ${MAX_CHECK_ENTRIES}`,
    );
  const lowerValue = evaluate(lower, values).data;
  const base = lowerValue.length;
  const numeric = new Float64Array(base * x.data.length);
  for (let j = 0; j < x.data.length; j++) {
    const h = 1e-5 * Math.max(1, Math.abs(x.data[j]));
    const plus = evaluate(lower, withEntry(values, problem.wrt, j, h)).data;
    const minus = evaluate(lower, withEntry(values, problem.wrt, j, -h)).data;
    for (let i = 0; i < base; i++) numeric[i * x.data.length + j] = (plus[i] - minus[i]) / (2 * h);
  }
  // Central differences carry noise of about ε·|lower|/h, so a derivative that is zero (or tiny
  // next to the function it differentiates) is measured against 1e-3 of that function's size.
  let err = 0;
  let scale = 1e-3 * lowerValue.reduce((m, v) => Math.max(m, Math.abs(v)), 1e-9);
  for (let i = 0; i < numeric.length; i++) {
    err = Math.max(err, Math.abs(analytic.data[i] - numeric[i]));
    scale = Math.max(scale, Math.abs(numeric[i]));
  }
  return {
    maxRelativeError: err / scale,
    analytic,
    numeric: { shape: analytic.shape, data: numeric },
    values,
  };
}
