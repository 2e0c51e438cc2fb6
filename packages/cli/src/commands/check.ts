/**
 * `diagrad check EXPR --wrt X`: the derivative against central finite differences (the core's
 * `checkDerivative`), at `--values` or at seeded random values, which are then listed briefly so
 * the run can be repeated. The largest relative error goes to stdout; above `--tolerance` the
 * command also says where the two disagree most and exits 1.
 */
import { checkDerivative, prepare, type Tensor } from "@diagrad/core";
import { readValues } from "../io/values.js";
import { limitsOf } from "../limits.js";
import { derivativeTitle, expressionText } from "../render/describe.js";
import { briefTensor, formatNumber } from "../render/numbers.js";
import { exitCodes, note } from "../report.js";
import type { CheckOptions, Outcome } from "./types.js";

/** The multi-index of entry `flat` of a tensor of this shape, as `[1,0]`. */
function position(shape: readonly number[], flat: number): string {
  const index: number[] = [];
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    index.unshift(flat % shape[axis]);
    flat = Math.floor(flat / shape[axis]);
  }
  return `[${index.join(",")}]`;
}

/** The entry where analytic and numeric differ most. */
function worstEntry(analytic: Tensor, numeric: Tensor): number {
  let worst = 0;
  let most = -1;
  analytic.data.forEach((a, k) => {
    const gap = Math.abs(a - numeric.data[k]);
    if (!(gap <= most)) {
      most = gap;
      worst = k;
    }
  });
  return worst;
}

/**
 * Runs `check` on `source`.
 *
 * @example checkCommand("x * y * z", { wrt: "x", order: 1, seed: 1, tolerance: 1e-6, shape: {} }).exitCode // 0
 */
export function checkCommand(source: string, options: CheckOptions): Outcome {
  const { wrt, order, seed, tolerance } = options;
  const given = options.values === undefined ? undefined : readValues(options.values);
  const result = checkDerivative({
    source,
    shapes: options.shape,
    values: given,
    wrt,
    order,
    seed,
    ...limitsOf(options),
  });
  const p = prepare({ source, shapes: options.shape, values: result.values, ...limitsOf(options) });
  for (const n of p.analysis.notes) note(n);
  const expression = expressionText(p);
  if (!p.variables.has(wrt)) note(`${wrt} does not occur in ${expression}; the derivative is zero`);

  const error = result.maxRelativeError;
  const passed = error <= tolerance;
  const verdict = passed ? "agrees with" : "disagrees with";
  const title = derivativeTitle(expression, wrt, order);
  const lines = [
    `${title} ${verdict} central differences: largest relative error ${error.toExponential(2)} (tolerance ${formatNumber(tolerance)})`,
  ];
  if (!passed) {
    const k = worstEntry(result.analytic, result.numeric);
    const at = result.analytic.shape.length ? `Γ${position(result.analytic.shape, k)}` : "Γ";
    const analytic = formatNumber(result.analytic.data[k], 12);
    const numeric = formatNumber(result.numeric.data[k], 12);
    lines.push(
      `largest difference at ${at}: derivative ${analytic}, finite differences ${numeric}`,
    );
  }
  if (!given) {
    lines.push(
      `at random values (seed ${seed}; --seed N for others, --values FILE to choose them):`,
    );
    for (const [name, t] of Object.entries(result.values))
      lines.push(`  ${name} = ${briefTensor(t)}`);
  }
  const output = `${lines.join("\n")}\n`;
  if (passed) return { output, exitCode: exitCodes.ok };
  const limit = formatNumber(tolerance);
  const message = `the largest relative error ${error.toExponential(2)} exceeds the tolerance ${limit}`;
  return { output, exitCode: exitCodes.input, error: `error: ${message}` };
}
