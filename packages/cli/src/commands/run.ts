/**
 * Running one command: read the expression (argument, `-i FILE` or `-i -`), run the command,
 * write its result (stdout or `-o FILE`), and turn the core's `DiagradError`s into messages with
 * the expression echoed and a caret under the culprit (exit 1, or 2 for kind "usage"). This module
 * is imported only once a command runs, so `--help` and usage errors never load the core.
 */
import { DiagradError, formatError } from "@diagrad/core";
import { readExpression, writeResult } from "../io/files.js";
import { clearProgress } from "../limits.js";
import { exitCodes, helpPointer, report } from "../report.js";
import { checkCommand } from "./check.js";
import { diffCommand } from "./diff.js";
import { diffDiagram, drawCommand, isDiagram, stepsCommand } from "./draw.js";
import { evalCommand } from "./eval.js";
import { einsumCommand, planCommand } from "./plan.js";
import type { CommandName, OptionsOf, Outcome } from "./types.js";

const commands: {
  [C in CommandName]: (source: string, options: OptionsOf[C]) => Outcome | Promise<Outcome>;
} = {
  diff: (source, options) =>
    isDiagram(options.format) ? diffDiagram(source, options) : diffCommand(source, options),
  eval: evalCommand,
  check: checkCommand,
  draw: drawCommand,
  steps: stepsCommand,
  plan: planCommand,
  einsum: einsumCommand,
};

/** Says which file a value error (one without a span into the expression) came from. */
function fromValuesFile(error: DiagradError, file: string | undefined): string {
  return error.kind === "value" && !error.span && file ? ` (values file '${file}')` : "";
}

/**
 * Runs `command` with the expression `argument` (or `-i`) and returns the exit code.
 *
 * @example await runCommand("diff", "x * y * z", { wrt: "x", order: 1, shape: {}, format: "text" }) // 0
 */
export async function runCommand<C extends CommandName>(
  command: C,
  argument: string | undefined,
  options: OptionsOf[C],
): Promise<number> {
  const source = await readExpression(argument, options.input, command);
  let outcome: Outcome;
  try {
    outcome = await commands[command](source, options);
  } catch (error) {
    clearProgress();
    if (!(error instanceof DiagradError)) throw error;
    const usage = error.kind === "usage";
    const where = fromValuesFile(error, options.values);
    report(formatError(source, error) + where + (usage ? `\n${helpPointer(command)}` : ""));
    return usage ? exitCodes.usage : exitCodes.input;
  }
  clearProgress();
  writeResult(outcome.output, options.output);
  if (outcome.error) report(outcome.error);
  return outcome.exitCode;
}
