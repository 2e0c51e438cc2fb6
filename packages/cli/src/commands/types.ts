/**
 * What every command receives and returns. Options arrive from commander already parsed and
 * validated; a command turns the expression's source and its options into the text of its result
 * (for stdout or `-o FILE`) and an exit code, writing notes and warnings to stderr as it goes.
 */
import type { Shapes } from "../options.js";

export type Format = "text" | "json";

/** The options all three commands share. */
export interface CommonOptions {
  input?: string;
  output?: string;
  values?: string;
  /** Declared shapes; undefined when no --shape was given. */
  shape?: Shapes;
}

export interface DiffOptions extends CommonOptions {
  wrt: string;
  order: number;
  format: Format;
}

export interface EvalOptions extends CommonOptions {
  format: Format;
}

export interface CheckOptions extends CommonOptions {
  wrt: string;
  order: number;
  seed: number;
  tolerance: number;
}

/** A command's result: the text for stdout (or `-o FILE`), the exit code and an error to report after it. */
export interface Outcome {
  output: string;
  exitCode: number;
  /** An `error: …` message for stderr, written after the output. */
  error?: string;
}

export type CommandName = "diff" | "eval" | "check";

/** The options of each command. */
export interface OptionsOf {
  diff: DiffOptions;
  eval: EvalOptions;
  check: CheckOptions;
}
