/**
 * The CLI's file traffic: the expression from an argument, a file (`-i FILE`) or standard input
 * (`-i -`), and the result to standard output or a file (`-o FILE`). A file that cannot be read or
 * written is a usage error (exit 2) whose message says which file and why, in words rather than
 * errno codes.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { CliError, exitCodes, usageError } from "../report.js";

/** Why a file operation failed, in words: "no such file", "permission denied", … */
export function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "it is a directory";
  if (code === "ENOTDIR") return "a parent is not a directory";
  return error instanceof Error ? error.message : String(error);
}

/**
 * The text of `file`, or a usage error naming what it is (`what` = "values file", …).
 *
 * @example readText("v.json", "values file") // throws "cannot read values file 'v.json': no such file"
 */
export function readText(file: string, what: string): string {
  try {
    return readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  } catch (error) {
    throw new CliError(`error: cannot read ${what} '${file}': ${reason(error)}`, exitCodes.usage);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/^\uFEFF/, "");
}

/**
 * The expression: the argument, or the text of `-i FILE`, or standard input for `-i -`; trailing
 * whitespace is dropped so a file's final newline does not count.
 *
 * @example await readExpression("x * y", undefined, "diff") // "x * y"
 */
export async function readExpression(
  argument: string | undefined,
  input: string | undefined,
  command: string,
): Promise<string> {
  if (argument !== undefined && input !== undefined) {
    throw usageError("give the expression either as an argument or with -i, not both", command);
  }
  if (argument !== undefined) return argument;
  if (input === undefined) {
    throw usageError(
      "no expression: give EXPR, or -i FILE, or -i - to read standard input",
      command,
    );
  }
  const text = input === "-" ? await readStdin() : readText(input, "input file");
  return text.trimEnd();
}

/** Writes the result (text or PNG bytes) to `file`, or to standard output when there is none. */
export function writeResult(text: string | Uint8Array, file: string | undefined): void {
  if (file === undefined) {
    process.stdout.write(text);
    return;
  }
  try {
    writeFileSync(file, text);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    const why = missing ? "its directory does not exist" : reason(error);
    throw new CliError(`error: cannot write output file '${file}': ${why}`, exitCodes.usage);
  }
}
