/**
 * `diagrad diff EXPR --wrt X`: the derivative as a shape, index notation and, with `--values`,
 * numbers in the J[out…, in…] layout. When X does not occur the derivative is the zero tensor of
 * the right shape, printed as usual, with a note on stderr saying so.
 */
import { derivative, evaluate, formatShape, type Tensor } from "@diagrad/core";
import { readValues } from "../io/values.js";
import {
  derivativeShape,
  derivativeTitle,
  describeAxes,
  expressionText,
  indexForm,
  indexLine,
  indexLines,
} from "../render/describe.js";
import { jsonRecord, jsonValue } from "../render/json.js";
import { formatTensor } from "../render/numbers.js";
import { CliError, exitCodes, note } from "../report.js";
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
  const d = derivative({ source, shapes: options.shape, values, wrt, order });
  const expression = expressionText(d);
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
  const form = indexForm("Γ", d.network);

  if (options.format === "json") {
    const record: Record<string, unknown> = {
      expression: source,
      wrt,
      order,
      shape,
      index: indexLine(form),
    };
    if (value) record.value = jsonValue(value);
    return { output: jsonRecord(record), exitCode: exitCodes.ok };
  }

  const title = derivativeTitle(expression, wrt, order);
  const axes = describeAxes(d.expression.shape, d.wrtShape, wrt, order);
  const lines = [`${title}, shape ${formatShape(shape)}: ${axes}`, ...indexLines(form)];
  if (value) {
    if (value.shape.length === 0) lines.push(`Γ at the values: ${formatTensor(value)}`);
    else
      lines.push(
        `Γ[${form.indices.join(",")}] at the values (layout J[out…, in…]):`,
        formatTensor(value),
      );
  }
  return { output: `${lines.join("\n")}\n`, exitCode: exitCodes.ok };
}
