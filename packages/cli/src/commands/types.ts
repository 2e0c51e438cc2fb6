/**
 * What every command receives and returns. Options arrive from commander already parsed and
 * validated; a command turns the expression's source and its options into the text of its result
 * (for stdout or `-o FILE`) and an exit code, writing notes and warnings to stderr as it goes.
 */
import type { Shapes } from "../options.js";

export type Format = "text" | "json" | "latex" | "svg" | "png" | "numpy" | "torch" | "jax";

/** The options all three commands share. */
export interface CommonOptions {
  input?: string;
  output?: string;
  values?: string;
  /** Declared shapes; undefined when no --shape was given. */
  shape?: Shapes;
  /** --max-terms and --max-nodes: the core's limits on a derivative's size. */
  maxTerms?: number;
  maxNodes?: number;
}

export interface DiffOptions extends DiagramOptions {
  wrt: string;
  order: number;
  /** numerator (default): J[out…, in…]; denominator: the variable's axes first in formulas. */
  layout?: "numerator" | "denominator";
}

export interface EvalOptions extends CommonOptions {
  format: Format;
}

/** What a diagram needs besides the expression: its format, theme and PNG scale. */
export interface DiagramOptions extends CommonOptions {
  format: Format;
  theme?: "light" | "dark";
  /** Pixels per SVG unit for PNG. */
  scale?: number;
}

export type DrawOptions = DiagramOptions;

export interface StepsOptions extends DiagramOptions {
  wrt: string;
  order: number;
}

export interface CheckOptions extends CommonOptions {
  wrt: string;
  order: number;
  seed: number;
  tolerance: number;
}

/** A command's result: the text (or PNG bytes) for stdout or `-o FILE`, the exit code and an error to report after it. */
export interface Outcome {
  output: string | Uint8Array;
  exitCode: number;
  /** An `error: …` message for stderr, written after the output. */
  error?: string;
}

/** `plan` and `einsum`: an einsum equation, the size of each of its labels. */
export interface PlanOptions {
  input?: string;
  output?: string;
  values?: undefined;
  sizes?: Record<string, number>;
  format: "text" | "json";
}

export interface EinsumOptions extends PlanOptions {
  random?: boolean;
  repeat: number;
  /** Milliseconds of untimed runs before the timed ones. */
  warmup: number;
  seed: number;
  /** Cores for large matrix products (default 2). */
  threads?: 1 | 2;
  /** Each run returns a new array, instead of all writing into one. */
  newResult?: boolean;
}

export type CommandName = "diff" | "eval" | "check" | "draw" | "steps" | "plan" | "einsum";

/** The options of each command. */
export interface OptionsOf {
  diff: DiffOptions;
  eval: EvalOptions;
  check: CheckOptions;
  draw: DrawOptions;
  steps: StepsOptions;
  plan: PlanOptions;
  einsum: EinsumOptions;
}
