/**
 * Parsers for option values, in the form commander calls them: each takes the text after the flag
 * and returns the value or throws commander's `InvalidArgumentError`, which commander reports as a
 * usage error (exit 2). `--shape` is repeatable, so its parser folds each occurrence into the
 * shapes seen so far, the object `Problem.shapes` expects.
 */
import { InvalidArgumentError } from "commander";

/** The largest `--order` (the core's MAX_ORDER; kept here so usage errors never load the core). */
const MAX_ORDER = 64;

/** Declared shapes by variable, as `Problem.shapes` takes them. */
export type Shapes = Record<string, (number | string)[]>;

/**
 * The lexer's rule for names (`isIdentifier` in @diagrad/core), repeated here so that parsing the
 * command line does not load the core; options.test.ts checks the two agree.
 */
const NAME = /^(?!\u1d40)[\p{L}_](?:(?!\u1d40)[\p{L}\p{M}0-9_])*$/u;
const isIdentifier = (text: string) => NAME.test(text);

/**
 * One `--shape NAME=DIMS` folded into `previous`: dimensions are positive integers or symbols,
 * separated by commas; `s=` declares a scalar; brackets are optional.
 *
 * @example parseShape("A=m,n") // { A: ["m", "n"] }
 * @example parseShape("s=", { A: [3, 4] }) // { A: [3, 4], s: [] }
 */
export function parseShape(text: string, previous: Shapes = {}): Shapes {
  const usage = "expected NAME=DIMS, like A=m,n or A=3,4 (s= for a scalar)";
  const eq = text.indexOf("=");
  if (eq < 0) throw new InvalidArgumentError(usage);
  const variable = text.slice(0, eq).trim();
  if (!isIdentifier(variable))
    throw new InvalidArgumentError(`'${variable}' is not a variable name; ${usage}`);
  if (Object.hasOwn(previous, variable))
    throw new InvalidArgumentError(`the shape of ${variable} is given twice`);
  const body = text
    .slice(eq + 1)
    .trim()
    .replace(/^\[(.*)\]$/, "$1")
    .trim();
  const dims = body === "" ? [] : body.split(",").map((d) => d.trim());
  const shape = dims.map((d) => {
    if (/^\d+$/.test(d) && Number(d) > 0) {
      if (!Number.isSafeInteger(Number(d)))
        throw new InvalidArgumentError(
          `the dimension ${d} is too large: sizes are at most ${Number.MAX_SAFE_INTEGER}`,
        );
      return Number(d);
    }
    if (isIdentifier(d)) return d;
    throw new InvalidArgumentError(
      `'${d}' is not a dimension (a positive integer or a symbol); ${usage}`,
    );
  });
  return { ...previous, [variable]: shape };
}

/** `--order K`: a positive integer of at most 64. @example parseOrder("2") // 2 */
export function parseOrder(text: string): number {
  const k = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(k) || k < 1) {
    throw new InvalidArgumentError("the order must be a positive integer, like 1 or 2");
  }
  if (k > MAX_ORDER) {
    throw new InvalidArgumentError(
      `the order must be at most ${MAX_ORDER}, got ${k}; each order multiplies the work`,
    );
  }
  return k;
}

/** `--max-terms N`, `--max-nodes N`: a positive integer. @example parseLimit("50000") // 50000 */
export function parseLimit(text: string): number {
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(n) || n < 1) {
    throw new InvalidArgumentError("the limit must be a positive integer, like 50000");
  }
  return n;
}

/** `--seed N`: a non-negative integer. @example parseSeed("7") // 7 */
export function parseSeed(text: string): number {
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(n)) {
    throw new InvalidArgumentError("the seed must be a non-negative integer");
  }
  return n;
}

/** `--tolerance T`: a positive number. @example parseTolerance("1e-8") // 1e-8 */
export function parseTolerance(text: string): number {
  const t = Number(text);
  if (text.trim() === "" || !Number.isFinite(t) || t <= 0) {
    throw new InvalidArgumentError("the tolerance must be a positive number, like 1e-6");
  }
  return t;
}

/**
 * `--sizes a=2,b=3` (repeatable): the size of each label of an einsum equation; a label is any
 * single character but `,`, `-`, `>` and space.
 *
 * @example parseSizes("i=2,j=3") // { i: 2, j: 3 }
 */
export function parseSizes(
  text: string,
  previous: Record<string, number> = {},
): Record<string, number> {
  const sizes = { ...previous };
  for (const item of text.split(",").filter((s) => s.trim() !== "")) {
    const match = /^\s*([^=\s,]+)\s*=\s*(\d+)\s*$/u.exec(item);
    if (!match || [...match[1]].length !== 1 || Number(match[2]) < 1) {
      throw new InvalidArgumentError(
        `expected label=size, like i=2 (one character, a positive size), got '${item}'`,
      );
    }
    sizes[match[1]] = Number(match[2]);
  }
  return sizes;
}

/** `--threads N`: 1 or 2 cores for large products. @example parseThreads("1") // 1 */
export function parseThreads(text: string): 1 | 2 {
  if (text !== "1" && text !== "2") throw new InvalidArgumentError("threads must be 1 or 2");
  return text === "1" ? 1 : 2;
}

/** `--warmup MS`: milliseconds of untimed runs, 0 to 60000. @example parseWarmup("200") // 200 */
export function parseWarmup(text: string): number {
  const ms = Number(text);
  if (text.trim() === "" || !(ms >= 0 && ms <= 60_000))
    throw new InvalidArgumentError("the warm-up must be 0 to 60000 milliseconds");
  return ms;
}

/** `--repeat N`: a positive number of runs. @example parseRepeat("5") // 5 */
export function parseRepeat(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError("the number of runs must be a positive integer");
  return n;
}
