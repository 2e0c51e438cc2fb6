/**
 * The machine-readable output: one JSON object per run, on one line, numbers exactly as
 * `JSON.stringify` writes them (they round-trip). JSON has no NaN or Infinity, so non-finite
 * entries become null and a warning on stderr says how many.
 */
import { type Tensor, toNested } from "@diagrad/core";
import { warn } from "../report.js";
import { countNonFinite } from "./numbers.js";

/**
 * The value of `t` for a JSON object (nested arrays, a number for a scalar), warning on stderr
 * when entries will be written as null.
 *
 * @example jsonValue(tensor([2], [1, NaN])) // [1, NaN] → written as [1,null], with a warning
 */
export function jsonValue(t: Tensor): unknown {
  const bad = countNonFinite(t);
  if (bad > 0) {
    const of =
      t.data.length === 1
        ? "the value is"
        : `${bad} of the ${t.data.length} entries ${bad === 1 ? "is" : "are"}`;
    warn(
      `${of} not finite (NaN or ±Infinity); JSON has no such numbers, so they are written as null`,
    );
  }
  return toNested(t);
}

/** One JSON object and a newline. @example jsonRecord({ value: 2 }) // '{"value":2}\n' */
export function jsonRecord(record: Record<string, unknown>): string {
  return `${JSON.stringify(record)}\n`;
}
