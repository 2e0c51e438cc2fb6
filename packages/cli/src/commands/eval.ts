/**
 * `diagrad eval EXPR`: the expression's value at `--values`. Without values an expression with
 * variables has no numbers, so eval prints what it can (the shape and the index notation) and a
 * note on stderr naming the variables that need values; exit 0, so it doubles as a shape checker.
 * An expression without variables (`eye(3) * 2`) is evaluated without values.
 */
import { evaluate, formatShape, prepare } from "@diagrad/core";
import { readValues } from "../io/values.js";
import { limitsOf } from "../limits.js";
import { expressionText, indexForm, indexLine, indexLines } from "../render/describe.js";
import { jsonRecord, jsonValue } from "../render/json.js";
import { formatTensor } from "../render/numbers.js";
import { exitCodes, note } from "../report.js";
import type { EvalOptions, Outcome } from "./types.js";

/**
 * Runs `eval` on `source`.
 *
 * @example evalCommand("x @ y", { values: "v.json", shape: {}, format: "json" }).output // '{"expression":"x @ y","shape":[],…,"value":11}\n'
 */
export function evalCommand(source: string, options: EvalOptions): Outcome {
  const values = options.values === undefined ? undefined : readValues(options.values);
  const p = prepare({ source, shapes: options.shape, values, ...limitsOf(options) });
  for (const n of p.analysis.notes) note(n);
  const value = values || p.variables.size === 0 ? evaluate(p) : undefined;
  const form = indexForm("F", p.network);
  if (!value) {
    const names = [...p.variables.keys()];
    const need = names.length === 1 ? "needs a value" : "need values";
    note(
      `no --values given, so no numbers: ${names.join(", ")} ${need} (a JSON file like {"x": [1, 2]})`,
    );
  }

  if (options.format === "json") {
    const record: Record<string, unknown> = {
      expression: source,
      shape: value?.shape ?? p.network.shape,
      index: indexLine(form),
    };
    if (value) record.value = jsonValue(value);
    return { output: jsonRecord(record), exitCode: exitCodes.ok };
  }
  if (value) return { output: `${formatTensor(value)}\n`, exitCode: exitCodes.ok };
  const lines = [
    `${expressionText(p)}, shape ${formatShape(p.network.shape)}`,
    ...indexLines(form),
  ];
  return { output: `${lines.join("\n")}\n`, exitCode: exitCodes.ok };
}
