/**
 * Checks of the library's arguments as plain JavaScript may pass them: the types say what a
 * `Problem` is, but a caller without TypeScript (or with `any`) may pass `null`, a number for the
 * source, a string for a shape, an order of 1e9 or a Tensor whose data does not fit its shape.
 * Each such argument ends in a `DiagradError` of kind "usage" (or "value" for values) that names
 * the argument and what was wrong, never a `TypeError` from deep inside.
 *
 * @example checkProblem({ source: 42 }) // throws "source must be a string (the expression), got a number"
 */

import { DiagradError } from "./language/span.js";
import { type Limits, MAX_ORDER } from "./limits.js";

/** How a value is described in messages: "a number", "null", "an array", "the string \"x\"". */
export function describe(x: unknown): string {
  if (x === null) return "null";
  if (x === undefined) return "undefined";
  if (Array.isArray(x)) return "an array";
  if (typeof x === "string")
    return `the string ${JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x)}`;
  if (typeof x === "number") return `the number ${x}`;
  if (typeof x === "object") return ArrayBuffer.isView(x) ? "a typed array" : "an object";
  return `a ${typeof x}`;
}

function usage(message: string): never {
  throw new DiagradError("usage", message);
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x) && !ArrayBuffer.isView(x);
}

/** The largest size a declared dimension may have: the largest integer a double holds exactly. */
const MAX_DIM = Number.MAX_SAFE_INTEGER;

function checkShapes(shapes: unknown): void {
  if (shapes === undefined) return;
  if (!isRecord(shapes))
    usage(`shapes must be an object mapping names to shapes, got ${describe(shapes)}`);
  for (const [name, shape] of Object.entries(shapes)) {
    if (!Array.isArray(shape))
      usage(`the shape of ${name} must be an array of sizes and symbols, got ${describe(shape)}`);
    shape.forEach((d: unknown, k: number) => {
      const ok =
        (typeof d === "number" && Number.isInteger(d) && d > 0 && d <= MAX_DIM) ||
        (typeof d === "string" && d.trim() !== "");
      if (!ok)
        usage(
          `dimension ${k + 1} of the shape of ${name} must be a positive integer of at most ${MAX_DIM} or a symbol, got ${describe(d)}`,
        );
    });
  }
}

/** Checks a Tensor-like value `{ shape, data }`: sizes, length, finite entries. */
export function checkTensor(name: string, v: { shape?: unknown; data: Float64Array }): void {
  const fail = (message: string): never => {
    throw new DiagradError("value", `value of ${name}: ${message}`);
  };
  const { shape, data } = v;
  if (!Array.isArray(shape))
    fail(`a Tensor's shape must be an array of sizes, got ${describe(shape)}`);
  const dims = shape as unknown[];
  let n = 1;
  for (const [k, d] of dims.entries()) {
    if (typeof d !== "number" || !Number.isInteger(d) || d < 0)
      fail(`dimension ${k + 1} of the shape must be a non-negative integer, got ${describe(d)}`);
    n *= d as number;
  }
  if (data.length !== n)
    fail(`shape [${dims.join(", ")}] needs ${n} entries but the data has ${data.length}`);
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i]))
      fail(`entry ${i + 1} of the data is ${data[i]}; entries must be finite numbers`);
  }
}

function checkValues(values: unknown): void {
  if (values === undefined) return;
  if (!isRecord(values))
    usage(`values must be an object mapping names to values, got ${describe(values)}`);
}

/** Checks `maxTerms`, `maxNodes` and `onProgress` when given. */
export function checkLimits(limits: Limits): void {
  for (const key of ["maxTerms", "maxNodes"] as const) {
    const v: unknown = limits[key];
    if (v !== undefined && !(typeof v === "number" && Number.isInteger(v) && v > 0))
      usage(`${key} must be a positive integer, got ${describe(v)}`);
  }
  if (limits.onProgress !== undefined && typeof limits.onProgress !== "function")
    usage(`onProgress must be a function, got ${describe(limits.onProgress)}`);
}

/** Checks a `Problem`: an object with a string `source`, and well-formed shapes and values. */
export function checkProblem(problem: unknown): void {
  if (!isRecord(problem))
    usage(`the problem must be an object like { source: "x * y" }, got ${describe(problem)}`);
  if (typeof problem.source !== "string")
    usage(`source must be a string (the expression), got ${describe(problem.source)}`);
  checkShapes(problem.shapes);
  checkValues(problem.values);
  checkLimits(problem as Limits);
}

/** Checks `formulas(d, options)`: `d` from `derivative`, a known layout. */
export function checkFormulaArgs(d: unknown, options: unknown): void {
  const r = d as { network?: unknown; expression?: unknown; wrtShape?: unknown } | null;
  if (!isRecord(r) || !r.network || !r.expression || !Array.isArray(r.wrtShape))
    usage(`formulas takes what derivative returned, got ${describe(d)}`);
  if (!isRecord(options)) usage(`the options must be an object, got ${describe(options)}`);
  const layout = options.layout;
  if (layout !== undefined && layout !== "numerator" && layout !== "denominator")
    usage(`layout must be "numerator" or "denominator", got ${describe(layout)}`);
}

/** Checks a derivative's `wrt` (a variable name) and `order` (1 to MAX_ORDER). */
export function checkDerivativeArgs(wrt: unknown, order: unknown): void {
  if (typeof wrt !== "string")
    usage(`wrt must be a string (the variable's name), got ${describe(wrt)}`);
  if (!/^[\p{L}_][\p{L}\p{M}\p{N}_]*$/u.test(wrt)) usage(`'${wrt}' is not a variable name`);
  if (typeof order !== "number" || !Number.isInteger(order) || order < 1)
    usage(`the order must be a positive integer, got ${describe(order)}`);
  if (order > MAX_ORDER)
    usage(`the order must be at most ${MAX_ORDER}, got ${order}; each order multiplies the work`);
}
