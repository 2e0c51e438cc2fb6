/**
 * `diagrad diff EXPR --wrt X`: the derivative as a shape, formulas (matrix, index, vec and
 * differential forms, LaTeX, derivation steps in JSON) and, with `--values`,
 * numbers in the J[out…, in…] layout. When X does not occur the derivative is the zero tensor of
 * the right shape, printed as usual, with a note on stderr saying so.
 */
import {
  derivation,
  derivative,
  evaluate,
  type Formulas,
  formatShape,
  formulas,
  pythonCode,
  type Tensor,
} from "@diagrad/core";
import { readValues } from "../io/values.js";
import { limitsOf } from "../limits.js";
import {
  derivativeShape,
  derivativeTitle,
  describeAxes,
  expressionText,
} from "../render/describe.js";
import { jsonRecord, jsonValue } from "../render/json.js";
import { formatTensor } from "../render/numbers.js";
import { CliError, exitCodes, note } from "../report.js";
import { stepRecord } from "./steps.js";
import type { DiffOptions, Outcome } from "./types.js";

/**
 * Runs `diff` on `source`.
 *
 * @example diffCommand("x * y * z", { wrt: "x", order: 1, shape: {}, format: "text" }).output
 * // "∂(x * y * z)/∂x, shape [m, m]: the expression's axes [m], then x's [m]\nΓ[i,j] = δ[i,j] y[i] z[i]\n"
 */
export function diffCommand(source: string, options: DiffOptions): Outcome {
  const { wrt, order } = options;
  const values = options.values === undefined ? undefined : readValues(options.values);
  const limits = limitsOf(options);
  const d = derivative({ source, shapes: options.shape, values, wrt, order, ...limits });
  const expression = expressionText(d);
  for (const n of d.analysis.notes) note(n);
  if (!d.occurs) note(`${wrt} does not occur in ${expression}; the derivative is zero`);
  if (
    values &&
    !d.occurs &&
    !(wrt in values) &&
    d.wrtShape.some((dim) => typeof dim === "string")
  ) {
    throw new CliError(
      `error: the derivative is zero, but its shape needs the shape of ${wrt}: give ${wrt} a value in '${options.values}' or use --shape ${wrt}=…`,
      exitCodes.input,
    );
  }
  const value: Tensor | undefined = values ? evaluate(d) : undefined;
  const shape = value?.shape ?? derivativeShape(d.expression.shape, d.wrtShape, order);
  const f = formulas(d, { layout: options.layout });

  if (options.format === "json") {
    const steps = derivation({ source, shapes: options.shape, values, wrt, order, ...limits }).map(
      stepRecord,
    );
    const record: Record<string, unknown> = { expression: source, wrt, order, shape, ...f, steps };
    if (value) record.value = jsonValue(value);
    return { output: jsonRecord(record), exitCode: exitCodes.ok };
  }
  if (options.format === "latex") return { output: `${f.latex}\n`, exitCode: exitCodes.ok };
  if (options.format === "numpy" || options.format === "torch" || options.format === "jax") {
    return { output: pythonCode(d, options.format), exitCode: exitCodes.ok };
  }

  const title = derivativeTitle(expression, wrt, order);
  const axes = describeAxes(d.expression.shape, d.wrtShape, wrt, order);
  const lines = [`${title}, shape ${formatShape(shape)}: ${axes}`, ...formulaLines(f, wrt, order)];
  if (value) {
    if (value.shape.length === 0) lines.push(`Γ at the values: ${formatTensor(value)}`);
    else lines.push("Γ at the values (layout J[out…, in…]):", formatTensor(value));
  }
  return { output: `${lines.join("\n")}\n`, exitCode: exitCodes.ok };
}

/**
 * The formulas a person reads, indented under the title: the matrix form (when there is one), the
 * index form, the vec form, the differential; then one line of conventions and where the diagram is.
 */
function formulaLines(f: Formulas, wrt: string, order: number): string[] {
  const matrix = f.notes.some((n) => n.startsWith("no matrix form")) ? [] : [`Γ = ${f.text}`];
  const lhs = order === 2 ? `∂²f/∂vec(${wrt})∂vec(${wrt})ᵀ` : `∂vec(F)/∂vec(${wrt})`;
  const vec = f.vec_text && f.vec_text !== f.text ? [`${lhs} = ${f.vec_text}`] : [];
  const conventions = [
    `${f.layout} layout (Γ[${f.layout === "numerator" ? "out…, in…" : "in…, out…"}])`,
    ...(f.symmetric ? ["symmetric"] : []),
    ...(vec.length ? ["vec is column-major"] : []),
  ];
  return [
    ...[...matrix, f.index, ...vec, f.differential].map((line) => `  ${line}`),
    `(${conventions.join("; ")}; the diagram: -o FILE.svg or --format svg|png)`,
  ];
}
