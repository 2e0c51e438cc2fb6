/**
 * Shape rules of the operators, with NumPy's semantics.
 *
 * `+ - * /` broadcast: shapes align from the right, an axis of size 1 stretches, other axes
 * unify. `@` follows `numpy.matmul`: a vector operand is promoted and the promoted axis dropped
 * again (`A @ x` → `[m]`, `x @ y` → `[]`), batch axes broadcast, scalars are rejected. `⊗` is
 * `numpy.kron` for ranks ≤ 2: the lower rank is padded with leading 1s and the result's axes are
 * products. `**` keeps the base's shape and needs a constant exponent. A transpose reverses axes.
 */
import type { Expr } from "./ast.js";
import { constantValue } from "./constant.js";
import type { Inference, TermShape } from "./inference.js";
import { ShapeError, type Span } from "./span.js";
import { type Term, Unifier } from "./unify.js";

type Binary = Extract<Expr, { kind: "binary" }>;

/** The spelling of the operator in the source (`∘` stays `∘`). */
function opText(inf: Inference, e: Binary): string {
  return inf.source.slice(e.opSpan.start, e.opSpan.end);
}

/**
 * Broadcast two shapes as NumPy does; `fail` explains a mismatch, `what` names the operation.
 *
 * @example broadcast(inf, [m, 1], [4], "+", span, fail) // [m, 4]
 */
export function broadcast(
  inf: Inference,
  a: TermShape,
  b: TermShape,
  what: string,
  span: Span,
  fail: () => ShapeError,
): Term[] {
  const rank = Math.max(a.length, b.length);
  const out: Term[] = [];
  for (let i = 1; i <= rank; i++) {
    const x = a[a.length - i];
    const y = b[b.length - i];
    if (x === undefined || (y !== undefined && inf.unifier.isOne(x))) out.unshift(y as Term);
    else if (y === undefined || inf.unifier.isOne(y)) out.unshift(x);
    else {
      inf.equate(x, y, what, span, fail);
      out.unshift(x);
    }
  }
  return out;
}

/**
 * The shape of a binary operation whose operands' shapes are known.
 *
 * @example binaryShape(inf, parse("A @ x").body) // [m] when A is [m, n] and x is [n]
 */
export function binaryShape(inf: Inference, e: Binary): TermShape {
  const op = opText(inf, e);
  const fail = () => inf.mismatch(op, e.span, e.left, e.right);
  const left = inf.shapeOf(e.left);
  const right = inf.shapeOf(e.right);
  switch (e.op) {
    case "+":
    case "-":
    case "/":
      return broadcast(inf, left, right, op, e.span, fail);
    case "*": {
      const shape = broadcast(inf, left, right, op, e.span, fail);
      noteMatlabProduct(inf, e, shape);
      return shape;
    }
    case "@":
      return matmul(inf, e, left, right, fail);
    case "kron":
      return kron(inf, [e.left, e.right], op, e.span);
    case "**":
      if (constantValue(e.right) === undefined) {
        throw new ShapeError(
          `the exponent of ** must be a numeric constant, but ${inf.text(e.right)} is not`,
          e.right.span,
        );
      }
      if (constantValue(e.right) === -1 && left.length === 2) {
        inf.notes.push(
          `${inf.text(e)} is the elementwise reciprocal; the matrix inverse is inv(${inf.text(e.left)})`,
        );
      }
      return left;
  }
}

/**
 * A note for `*` written where MATLAB means the matrix product: an operand transposed with `'`,
 * or a transposed vector (`x.T * A`, which NumPy broadcasts elementwise into a matrix).
 */
function noteMatlabProduct(inf: Inference, e: Binary, shape: TermShape): void {
  const transposed = [e.left, e.right].find(
    (o) =>
      o.kind === "transpose" &&
      (inf.source.slice(o.span.end - 1, o.span.end) === "'" || inf.shapeOf(o).length === 1),
  );
  const other = transposed === e.left ? e.right : e.left;
  if (transposed === undefined || inf.shapeOf(other).length === 0) return;
  const [a, b] = [e.left, e.right].map((o) => {
    const text = inf.text(o.kind === "transpose" && inf.shapeOf(o).length === 1 ? o.arg : o);
    return o.kind === "binary" ? `(${text})` : text;
  });
  const quote = inf.source.slice(transposed.span.end - 1, transposed.span.end) === "'";
  inf.notes.push(
    `${inf.text(e)}: * is the elementwise product (NumPy broadcasting), giving shape ${inf.show(shape)}; the matrix product is @, as in ${a} @ ${b}` +
      (inf.shapeOf(transposed).length === 1 ? "; transposing a vector changes nothing" : "") +
      (quote ? "; NumPy writes the transpose .T" : ""),
  );
}

function matmul(
  inf: Inference,
  e: Binary,
  a: TermShape,
  b: TermShape,
  fail: () => ShapeError,
): TermShape {
  for (const operand of [e.left, e.right]) {
    if (inf.shapeOf(operand).length === 0) {
      throw new ShapeError(
        `@ needs operands with at least one axis, but ${inf.describe(operand)} (use * to scale)`,
        e.span,
      );
    }
  }
  const x = a.length === 1 ? [Unifier.constant(1), ...a] : a;
  const y = b.length === 1 ? [...b, Unifier.constant(1)] : b;
  inf.equate(x[x.length - 1] as Term, y[y.length - 2] as Term, "@", e.span, fail);
  const batch = broadcast(inf, x.slice(0, -2), y.slice(0, -2), "@", e.span, fail);
  const rows = a.length === 1 ? [] : [x[x.length - 2] as Term];
  const cols = b.length === 1 ? [] : [y[y.length - 1] as Term];
  return [...batch, ...rows, ...cols];
}

/**
 * `numpy.kron` for operands of rank ≤ 2 (used by `⊗` and `kron(A, B)`).
 *
 * @example kron(inf, [A, B], "kron", span) // [m*p, n*q] when A is [m, n] and B is [p, q]
 */
export function kron(inf: Inference, operands: readonly Expr[], op: string, span: Span): TermShape {
  const shapes = operands.map((o) => inf.shapeOf(o));
  shapes.forEach((shape, i) => {
    if (shape.length > 2) {
      const operand = operands[i] as Expr;
      throw new ShapeError(
        `${op} takes operands of rank at most 2, but ${inf.describe(operand)}`,
        span,
      );
    }
  });
  const [a, b] = shapes as [TermShape, TermShape];
  const rank = Math.max(a.length, b.length);
  const pad = (s: TermShape) => [...Array<Term>(rank - s.length).fill(Unifier.constant(1)), ...s];
  const [pa, pb] = [pad(a), pad(b)];
  return pa.map((d, i) => Unifier.product(d, pb[i] as Term));
}

/**
 * Reverse the axes (identity on vectors and scalars).
 *
 * @example transposeShape([a, b, c]) // [c, b, a]
 */
export function transposeShape(shape: TermShape): TermShape {
  return [...shape].reverse();
}
