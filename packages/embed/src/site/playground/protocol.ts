/**
 * The messages between the playground page and its two workers. The page sends a `Request` for
 * each settled edit to both; the words worker answers with the formulas, the code, the derivation
 * and the numbers, the diagram worker with the diagram's scene, each part as it is ready and
 * tagged with the request's `id`, so the page drops answers to requests it has moved past. Everything here is plain
 * data (structured-cloneable); errors travel as their message and span, never as Error objects.
 */
import type { Scene } from "@diagrad/render/browser";

/** The two workers: one for the formulas, code, steps and numbers, one for the diagram. */
export type Lane = "words" | "diagram";

/** What the page asks for: the derivative of `expr` by `wrt`, `order` times. */
export interface Request {
  id: number;
  expr: string;
  wrt: string;
  order: number;
}

/** The formulas of a derivative, the code that computes it, and notes about it. */
export interface FormulaPart {
  kind: "formula";
  id: number;
  /** `∂(x * y * z)/∂x`. */
  title: string;
  /** In the input language (diagrad parses it back). */
  formula: string;
  /** Unicode matrix notation. */
  text: string;
  /** KaTeX's HTML of `∂…/∂… = …`. */
  html: string;
  /** The LaTeX source behind `html`. */
  latex: string;
  index: string;
  vec?: string;
  differential: string;
  /** `[m, q, n, q]: the expression's axes [m, q], then A's [n, q]`. */
  shape: string;
  notes: string[];
}

/** Python code computing the expression and the derivative. */
export interface CodePart {
  kind: "code";
  id: number;
  numpy: string;
  jax: string;
}

/** The derivative's diagram, laid out (the page draws it in its own theme). */
export interface DiagramPart {
  kind: "diagram";
  id: number;
  scene: Scene;
}

/** One step of the derivation: the rule, what it did, the result after it. */
export interface StepRecord {
  rule: string;
  details: string[];
  /** The result in Unicode matrix notation, and in the input language. */
  text: string;
  formula: string;
}

export interface StepsPart {
  kind: "steps";
  id: number;
  steps: StepRecord[];
}

/** The numbers at seeded random values, and the finite-difference check. */
export interface NumbersPart {
  kind: "numbers";
  id: number;
  seed: number;
  /** Each variable's value, briefly. */
  values: { name: string; value: string }[];
  /** The derivative's value, as nested arrays. */
  derivative: string;
  maxRelativeError: number;
}

/**
 * Why a part could not be made. `field` is the input at fault (`span` then points into `expr`
 * when the culprit is there) or, for a later stage, the part that failed.
 */
export interface ErrorPart {
  kind: "error";
  id: number;
  message: string;
  span?: { start: number; end: number };
  field: "expr" | "wrt" | "order" | "diagram" | "code" | "steps" | "numbers";
}

/** Sent last by each lane, with the worker's time for its part of the request. */
export interface DonePart {
  kind: "done";
  id: number;
  lane: Lane;
  ms: number;
  /** Set when the answer was remembered from an earlier request (`ms` is that one's time). */
  remembered?: boolean;
}

export type Part =
  | FormulaPart
  | DiagramPart
  | CodePart
  | StepsPart
  | NumbersPart
  | ErrorPart
  | DonePart;
