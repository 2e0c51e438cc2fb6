/**
 * The entry point: `main(argv)` runs the `diagrad` command line and returns its exit code (the
 * bin script sets `process.exitCode`). Every failure ends here as one clear message: commander's
 * usage errors exit 2, the CLI's own errors carry their code, input nested too deeply for a
 * recursive stage is bad input (exit 1), and anything unexpected is a one-line internal error
 * (exit 70; the stack only with DIAGRAD_DEBUG=1). Never a bare stack trace.
 */
import { CommanderError } from "commander";
import { buildProgram } from "./program.js";
import { CliError, exitCodes, report, reportInternal } from "./report.js";

/** A reader that goes away (`diagrad … | head`) is not an error. */
function quietOnClosedPipe(): void {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    else process.exit(reportInternal(error));
  });
}

/**
 * Runs diagrad with the arguments after the program name.
 *
 * @example process.exitCode = await main(["diff", "x * y * z", "--wrt", "x"]);
 */
export async function main(argv: string[]): Promise<number> {
  quietOnClosedPipe();
  let code: number = exitCodes.ok;
  try {
    await buildProgram((c) => {
      code = c;
    }).parseAsync(argv, { from: "user" });
    return code;
  } catch (error) {
    if (error instanceof CommanderError)
      return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
    if (error instanceof CliError) {
      report(error.text);
      return error.exitCode;
    }
    // a safety net: input nested deeper than some stage's recursion is bad input, not a bug
    if (error instanceof RangeError && /Maximum call stack size exceeded/.test(error.message)) {
      report(
        "error: the input is nested too deeply (the stack overflowed); write it with fewer levels",
      );
      return exitCodes.input;
    }
    return reportInternal(error);
  }
}
