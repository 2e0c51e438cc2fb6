/**
 * Shape rules of the built-in functions, one entry per function (see `functions.ts` for the
 * table the CLI prints). A rule receives the call and the inference state, in which the shapes of
 * the tensor arguments are already known; dimension arguments (`eye(n)`, `unvec(x, m, n)`) and
 * einsum's subscripts are read from the syntax. The `Record` makes a missing rule a compile error.
 */
import type { Expr } from "./ast.js";
import { constantValue } from "./constant.js";
import { einsumShape } from "./einsum.js";
import type { FunctionName } from "./functions.js";
import type { Inference, TermShape } from "./inference.js";
import { checkedDimension, MAX_MATRIX_POWER } from "./limits.js";
import { kron } from "./operators.js";
import { DiagradError, ParseError, ShapeError } from "./span.js";
import { type Term, Unifier } from "./unify.js";

/** A call node, e.g. the body of `parse("sum(X, 0)")`. */
export type Call = Extract<Expr, { kind: "call" }>;

type Rule = (inf: Inference, call: Call) => TermShape;

const arg = (call: Call, i: number) => call.args[i] as Expr;

/** The shape of the first argument, checked by `ok`; `needs` completes "tr needs …". */
function first(
  inf: Inference,
  call: Call,
  needs: string,
  ok: (rank: number) => boolean,
): TermShape {
  const shape = inf.shapeOf(arg(call, 0));
  if (!ok(shape.length))
    throw new ShapeError(`${call.fn} needs ${needs}, but ${inf.describe(arg(call, 0))}`, call.span);
  return shape;
}

/** The shape of a square-matrix argument, after unifying its two axes. */
function square(inf: Inference, call: Call): TermShape {
  const shape = first(inf, call, "a square matrix", (rank) => rank === 2);
  const fail = () =>
    new ShapeError(
      `${call.fn} needs a square matrix, but ${inf.describe(arg(call, 0))}`,
      call.span,
    );
  inf.equate(shape[0] as Term, shape[1] as Term, call.fn, call.span, fail);
  return shape;
}

/**
 * A dimension written as an argument: a positive integer literal or a dimension symbol.
 *
 * @example dimensionArgument(parse("eye(n)").body as Call, 0) // Unifier.symbol("n")
 */
export function dimensionArgument(call: Call, i: number): Term {
  const e = arg(call, i);
  if (e.kind === "name") return Unifier.symbol(e.name);
  if (e.kind === "number" && Number.isInteger(e.value) && e.value >= 1) {
    const text = `${e.value}`;
    return Unifier.constant(checkedDimension(e.value, text, e.span, `${call.fn}'s size argument`));
  }
  throw new ParseError(
    `${call.fn}'s size argument must be a positive integer or a dimension symbol`,
    e.span,
  );
}

function axisArgument(inf: Inference, call: Call, rank: number): number {
  const e = arg(call, 1);
  const literal = e.kind === "neg" ? e.arg : e;
  const axis =
    literal.kind === "number" ? (e.kind === "neg" ? -literal.value : literal.value) : undefined;
  if (axis === undefined || !Number.isInteger(axis)) {
    throw new ParseError(
      `the axis of ${call.fn} must be an integer literal such as 0 or -1`,
      e.span,
    );
  }
  if (axis < -rank || axis >= rank) {
    const range = rank === 0 ? "it has no axes" : `axis must be in ${-rank}..${rank - 1}`;
    const operand = arg(call, 0);
    const message = `axis ${axis} is out of range for ${inf.text(operand)}, which has shape ${inf.show(inf.shapeOf(operand))} (${range})`;
    throw new ShapeError(message, e.span);
  }
  return axis < 0 ? axis + rank : axis;
}

/**
 * The exponent of `matrix_power(A, k)`: an integer constant from 0 to `MAX_MATRIX_POWER`.
 *
 * @example matrixPowerExponent(parse("matrix_power(A, 3)").body as Call) // 3
 */
export function matrixPowerExponent(call: Call): number {
  const e = arg(call, 1);
  const k = constantValue(e);
  if (k === undefined || !Number.isInteger(k) || k < 0) {
    throw new ParseError(
      "the exponent of matrix_power must be an integer literal ≥ 0, such as 3 (for elementwise powers use **)",
      e.span,
    );
  }
  if (k > MAX_MATRIX_POWER) {
    throw new DiagradError(
      "value",
      `matrix_power's exponent ${k} is too large: diagrad builds it as a chain of products and takes at most ${MAX_MATRIX_POWER}`,
      e.span,
    );
  }
  return k;
}

/** `norm(X)` of any shape; `norm(X, 'fro')` of a matrix, as NumPy. */
const norm: Rule = (inf, call) => {
  if (call.args.length === 1) return [];
  const order = arg(call, 1);
  if (order.kind !== "string" || order.value !== "fro") {
    throw new ParseError(
      "norm's second argument can only be 'fro' (the Frobenius norm, the same as norm(X))",
      order.span,
    );
  }
  first(inf, call, "a matrix for 'fro' (norm(x) of a vector is its 2-norm)", (rank) => rank === 2);
  return [];
};

/** Is argument `i` of this function a quoted string (einsum's subscripts, norm's 'fro')? */
export function isStringArgument(fn: FunctionName, i: number): boolean {
  return (fn === "einsum" && i === 0) || (fn === "norm" && i === 1);
}

/** `tr`, `det`, `logdet`: a square matrix → a scalar. */
const squareToScalar: Rule = (inf, call) => {
  square(inf, call);
  return [];
};
const same: Rule = (inf, call) => inf.shapeOf(arg(call, 0));
const scalar: Rule = () => [];
const lastAxis = (inf: Inference, call: Call) =>
  first(inf, call, "at least one axis", (rank) => rank >= 1);

/**
 * The shape rule of every built-in function.
 *
 * @example CALL_RULES.tr(inf, parse("tr(A)").body as Call) // [] (and A's axes unified)
 */
export const CALL_RULES: Record<FunctionName, Rule> = {
  exp: same,
  log: same,
  sqrt: same,
  tanh: same,
  sigmoid: same,
  sin: same,
  cos: same,
  abs: same,
  relu: same,
  softplus: same,
  sign: same,
  step: same,
  sum: (inf, call) => {
    const shape = inf.shapeOf(arg(call, 0));
    if (call.args.length === 1) return [];
    const axis = axisArgument(inf, call, shape.length);
    return shape.filter((_, i) => i !== axis);
  },
  mean: scalar,
  norm,
  tr: squareToScalar,
  det: squareToScalar,
  logdet: squareToScalar,
  inv: square,
  diag: (inf, call) => {
    const shape = first(
      inf,
      call,
      "a vector or a square matrix",
      (rank) => rank === 1 || rank === 2,
    );
    return shape.length === 1
      ? [shape[0] as Term, shape[0] as Term]
      : [square(inf, call)[0] as Term];
  },
  outer: (inf, call) => {
    for (const x of call.args) {
      if (inf.shapeOf(x).length !== 1)
        throw new ShapeError(`outer needs two vectors, but ${inf.describe(x)}`, call.span);
    }
    return call.args.map((x) => inf.shapeOf(x)[0] as Term);
  },
  kron: (inf, call) => kron(inf, call.args, "kron", call.span),
  vec: (inf, call) => [
    Unifier.product(...first(inf, call, "at least one axis", (rank) => rank >= 1)),
  ],
  unvec: (inf, call) => {
    const [length] = first(inf, call, "a vector", (rank) => rank === 1);
    const [rows, cols] = [dimensionArgument(call, 1), dimensionArgument(call, 2)];
    const entries = Unifier.product(rows, cols);
    const fail = () => {
      const [r, c, n] = [rows, cols, entries].map((t) => inf.unifier.resolve(t));
      const message = `shape mismatch in unvec: ${inf.describe(arg(call, 0))} but [${r}, ${c}] has ${n} entries`;
      return new ShapeError(message, call.span);
    };
    inf.equate(length as Term, entries, "unvec", call.span, fail);
    return [rows, cols];
  },
  softmax: lastAxis,
  logsumexp: (inf, call) => lastAxis(inf, call).slice(0, -1),
  einsum: einsumShape,
  eye: (_, call) => {
    const n = dimensionArgument(call, 0);
    return [n, n];
  },
  ones: (_, call) => [dimensionArgument(call, 0)],
  matrix_power: (inf, call) => {
    const shape = square(inf, call);
    matrixPowerExponent(call);
    return shape;
  },
};
