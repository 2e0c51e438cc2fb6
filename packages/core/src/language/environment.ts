/**
 * The starting shapes of a program's variables, from (in order of precedence) concrete values,
 * declarations and defaults.
 *
 * A value's shape wins, and must agree with the variable's declaration: `A: [m, n]` with a 3×4
 * value binds `m = 3` and `n = 4`; `[3, 4]` against `[2, 2]`, or `n` bound to two different sizes,
 * is a `ShapeError` naming the variable. Declarations come from the program and from the caller
 * (`--shape`), and must not contradict each other. A variable with neither gets fresh dimensions:
 * two if its name starts with an uppercase letter (a matrix), otherwise one (a vector).
 */
import type { DeclaredDim, Program } from "./ast.js";
import { formatShape } from "./dims.js";
import type { Inference, TermShape } from "./inference.js";
import { isIdentifier } from "./lexer.js";
import { checkedDimension } from "./limits.js";
import { DiagradError, ShapeError, type Span } from "./span.js";
import { type Term, Unifier } from "./unify.js";

/**
 * What the caller knows besides the program text (see `analyze`).
 *
 * @example const given: Given = { shapes: { A: ["m", "n"] }, values: { A: [3, 4] } };
 */
export interface Given {
  /** Declared shapes, like `A: [m, n]` in the program (from `--shape A=m,n` or the API). */
  shapes?: Record<string, readonly (number | string)[]>;
  /** The concrete shape of each variable's value. */
  values?: Record<string, readonly number[]>;
}

/** A declaration, wherever it came from: `{ dims: ["m", 3], span }` for `A: [m, 3]`. */
export interface DeclaredShape {
  dims: DeclaredDim[];
  span?: Span;
}

function parseGivenDim(name: string, dim: number | string): DeclaredDim {
  const what = `the dimension in the shape of ${name}`;
  if (typeof dim === "number") return checkedDimension(dim, `${dim}`, undefined, what);
  if (typeof dim === "string" && /^\d+$/.test(dim)) {
    return checkedDimension(Number(dim), dim, undefined, what);
  }
  if (typeof dim === "string" && isIdentifier(dim)) return dim;
  throw new DiagradError(
    "usage",
    `invalid dimension '${dim}' in the shape of ${name}: use a positive integer or a symbol`,
  );
}

/**
 * Every declaration of the program and of `given.shapes`, by variable name.
 *
 * @example declaredShapes(parse("A: [m, n]; A"), { shapes: { x: ["n"] } }).get("x") // { dims: ["n"] }
 */
export function declaredShapes(program: Program, given: Given): Map<string, DeclaredShape> {
  const declared = new Map<string, DeclaredShape>();
  const add = (name: string, shape: DeclaredShape) => {
    const before = declared.get(name);
    if (before === undefined) declared.set(name, shape);
    else if (formatShape(before.dims) !== formatShape(shape.dims)) {
      const message = `${name} is declared twice, as ${formatShape(before.dims)} and as ${formatShape(shape.dims)}`;
      throw new ShapeError(message, shape.span ?? before.span);
    }
  };
  for (const declaration of program.declarations) {
    for (const { name, span } of declaration.names) add(name, { dims: declaration.dims, span });
  }
  for (const [name, dims] of Object.entries(given.shapes ?? {})) {
    add(name, { dims: dims.map((d) => parseGivenDim(name, d)) });
  }
  return declared;
}

const termOf = (dim: DeclaredDim): Term =>
  typeof dim === "number" ? Unifier.constant(dim) : Unifier.symbol(dim);

/**
 * The term shape of each variable: `names` are the body's variables in order of first appearance
 * (with the span of that appearance), then any other declared variables.
 *
 * @example variableShapes(inf, new Map([["A", span]]), new Map(), { A: [2, 3] }).get("A") // [2, 3]
 */
export function variableShapes(
  inf: Inference,
  names: ReadonlyMap<string, Span>,
  declared: ReadonlyMap<string, DeclaredShape>,
  values: Readonly<Record<string, readonly number[]>>,
): Map<string, TermShape> {
  const shapes = new Map<string, TermShape>();
  const boundBy = new Map<string, string>();
  const all = [...names.keys(), ...[...declared.keys()].filter((name) => !names.has(name))];
  for (const name of all) {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    const declaration = declared.get(name);
    const span = declaration?.span ?? names.get(name);
    if (value !== undefined && !value.every((d) => Number.isInteger(d) && d >= 1)) {
      throw new DiagradError(
        "value",
        `the value of ${name} has shape ${formatShape(value)}; every axis must be non-empty`,
        span,
      );
    }
    if (declaration === undefined) {
      if (value !== undefined)
        shapes.set(
          name,
          value.map((d) => Unifier.constant(d)),
        );
      continue;
    }
    if (value !== undefined) bindValue(inf, name, declaration, value, boundBy, span);
    shapes.set(name, declaration.dims.map(termOf));
  }
  for (const name of names.keys()) {
    if (shapes.has(name)) continue;
    const rank = /^\p{Lu}/u.test(name) ? 2 : 1;
    shapes.set(
      name,
      Array.from({ length: rank }, () => inf.unifier.fresh()),
    );
  }
  return shapes;
}

/** Check a value's shape against a declaration, giving its symbols their sizes. */
function bindValue(
  inf: Inference,
  name: string,
  declaration: DeclaredShape,
  value: readonly number[],
  boundBy: Map<string, string>,
  span: Span | undefined,
): void {
  const problem = (detail = "") =>
    new ShapeError(
      `the value of ${name} has shape ${formatShape(value)}, which does not match its declared shape ${formatShape(declaration.dims)}${detail}`,
      span,
    );
  if (value.length !== declaration.dims.length) throw problem();
  declaration.dims.forEach((dim, i) => {
    const size = value[i] as number;
    if (typeof dim === "number") {
      if (dim !== size) throw problem();
      return;
    }
    if (!inf.unifier.bindSymbol(dim, size)) {
      const source = boundBy.get(dim);
      const known = inf.unifier.resolve(Unifier.symbol(dim));
      throw problem(source === name ? "" : ` (${dim} is ${known}, from the value of ${source})`);
    }
    if (!boundBy.has(dim)) boundBy.set(dim, name);
  });
}
