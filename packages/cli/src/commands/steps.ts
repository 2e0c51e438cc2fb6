/**
 * `diagrad steps EXPR --wrt X` as text or JSON: the derivation from the expression to its
 * simplified derivative, one numbered step a line (the rule applied, then the result in matrix
 * notation), with the rule applications behind each differentiation indented below it.
 */
import { derivation, inputFormula, networkExpr, type Step, textFormula } from "@diagrad/core";
import { limitsOf } from "../limits.js";
import { jsonRecord } from "../render/json.js";
import { exitCodes } from "../report.js";
import type { Outcome, StepsOptions } from "./types.js";

/** A step as data: its rule, the rule applications behind it, its result as formulas. */
export function stepRecord(step: Step) {
  const e = networkExpr(step.network);
  return { rule: step.rule, details: step.details, text: textFormula(e), formula: inputFormula(e) };
}

/**
 * The derivation of `source` as text or JSON.
 *
 * @example stepsText("x * x * x", { wrt: "x", order: 1, format: "text" }).output
 * // "1. expression: x ∘ x ∘ x\n2. differentiate by x (product rule over 3 occurrences): …"
 */
export function stepsText(source: string, options: StepsOptions): Outcome {
  const steps = derivation({
    source,
    shapes: options.shape,
    wrt: options.wrt,
    order: options.order,
    ...limitsOf(options),
  });
  const records = steps.map(stepRecord);
  if (options.format === "json") {
    const record = { expression: source, wrt: options.wrt, order: options.order, steps: records };
    return { output: jsonRecord(record), exitCode: exitCodes.ok };
  }
  const lines = records.flatMap((r, k) => [
    `${k + 1}. ${r.rule}: ${r.text}`,
    ...r.details.map((d) => `     · ${d}`),
  ]);
  return { output: `${lines.join("\n")}\n`, exitCode: exitCodes.ok };
}
