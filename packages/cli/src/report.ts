/**
 * How the CLI talks to people: `error:`, `warning:` and `note:` lines on stderr, exit codes, and
 * the one error type the CLI itself throws. Colour (a red `error:`, a yellow `warning:`) is used
 * only when stderr is a terminal and NO_COLOR is unset, so piped and tested output is plain text.
 * Exit codes: 0 success, 1 bad input (expression, values, a failed check), 2 bad usage (options,
 * files that cannot be read), 70 an internal error (a bug in diagrad).
 */

export const exitCodes = { ok: 0, input: 1, usage: 2, internal: 70 } as const;

/**
 * An error the CLI reports as it is: `text` is the whole message, starting with `error:`.
 *
 * @example throw new CliError("error: cannot read values file 'v.json': no such file", exitCodes.usage)
 */
export class CliError extends Error {
  constructor(
    readonly text: string,
    readonly exitCode: number,
  ) {
    super(text);
    this.name = "CliError";
  }
}

/** A usage error (exit 2): `usageError("no expression given", "diff")` adds the help pointer. */
export function usageError(message: string, command?: string): CliError {
  return new CliError(`error: ${message}\n${helpPointer(command)}`, exitCodes.usage);
}

/** The line that sends people to the right help page. */
export function helpPointer(command?: string): string {
  return `see 'diagrad ${command ? `${command} ` : ""}--help'`;
}

function colourful(): boolean {
  return Boolean(process.stderr.isTTY) && process.env.NO_COLOR === undefined;
}

const labels: Record<string, string> = { "error:": "1;31", "warning:": "1;33", "note:": "1;36" };

/**
 * `text` with its leading label (`error:`, `warning:`, `note:`) coloured when stderr is a terminal.
 *
 * @example paint("error: unknown option '--x'") // "\x1b[1;31merror:\x1b[0m unknown option '--x'" on a TTY
 */
export function paint(text: string): string {
  if (!colourful()) return text;
  const label = Object.keys(labels).find((l) => text.startsWith(l));
  return label ? `\x1b[${labels[label]}m${label}\x1b[0m${text.slice(label.length)}` : text;
}

/** Writes `text` (one or more lines) to stderr, label coloured. */
export function report(text: string): void {
  process.stderr.write(`${paint(text.replace(/\n$/, ""))}\n`);
}

/** `note: …` on stderr: something true that the user may not expect. */
export function note(message: string): void {
  report(`note: ${message}`);
}

/** `warning: …` on stderr: the output is not quite what was asked for. */
export function warn(message: string): void {
  report(`warning: ${message}`);
}

/** One line for an unexpected exception (a bug); the stack only with DIAGRAD_DEBUG=1. */
export function reportInternal(error: unknown): number {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`diagrad: internal error: ${message}\n`);
  if (process.env.DIAGRAD_DEBUG === "1" && error instanceof Error && error.stack) {
    process.stderr.write(`${error.stack}\n`);
  }
  return exitCodes.internal;
}
