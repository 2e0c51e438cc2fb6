/**
 * The `--values FILE` reader: a JSON object mapping each variable to a number or nested arrays.
 * The CLI checks the file and its top level; the entries themselves are checked by the core
 * (`toTensors` → `fromNested`, DiagradError kind "value", naming the variable). An unreadable file
 * is a usage error (exit 2); invalid JSON and a top level that is not an object are input errors
 * (exit 1), and invalid JSON is shown with its line, column and a caret.
 */
import { DiagradError, formatError } from "@diagrad/core";
import { CliError, exitCodes } from "../report.js";
import { readText } from "./files.js";
import { jsonSyntaxError, lineColumn } from "./jsonSyntax.js";

const example = '{"x": [1, 2], "A": [[1, 2], [3, 4]], "s": 0.5}';

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}

/**
 * The values in `file` by variable name, not yet converted to tensors.
 *
 * @example readValues("v.json") // { x: [1, 2], A: [[1, 2], [3, 4]] }
 */
export function readValues(file: string): Record<string, unknown> {
  const text = readText(file, "values file");
  const must = `it must hold a JSON object mapping each variable to a number or nested arrays, like ${example}`;
  if (text.trim() === "")
    throw new CliError(`error: values file '${file}' is empty; ${must}`, exitCodes.input);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const located = jsonSyntaxError(text);
    if (!located) {
      const message = error instanceof Error ? error.message : String(error);
      throw new CliError(
        `error: invalid JSON in values file '${file}': ${message}`,
        exitCodes.input,
      );
    }
    // an error at the very end is shown after the last character, not on an empty last line
    const offset = Math.min(located.offset, text.trimEnd().length);
    const { line, column } = lineColumn(text, offset);
    const message = `invalid JSON in values file '${file}' at line ${line}, column ${column}: ${located.message}`;
    const span = { start: offset, end: Math.min(offset + 1, text.length) };
    throw new CliError(
      formatError(text, new DiagradError("value", message, span)),
      exitCodes.input,
    );
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new CliError(
      `error: values file '${file}' holds ${kindOf(parsed)}; ${must}`,
      exitCodes.input,
    );
  }
  return parsed as Record<string, unknown>;
}
