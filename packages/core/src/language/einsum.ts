/**
 * einsum: its subscripts (`"ij,jk->ik"` → the labels of each operand and of the output) and its
 * shape rule.
 *
 * Labels are single letters. Without `->` the output is NumPy's implicit one: the labels that
 * appear exactly once, sorted. Output labels must be distinct and appear in some input. Ellipsis
 * (`...`) is not supported. Errors point at the offending character inside the string.
 */
import type { Expr } from "./ast.js";
import type { Call } from "./calls.js";
import type { Inference, TermShape } from "./inference.js";
import { DiagradError, ParseError, ShapeError, type Span } from "./span.js";
import type { Term } from "./unify.js";

/** The parsed subscripts, one label list per operand and the output: `{ inputs: [["i","i"]], output: [] }`. */
export interface Subscripts {
  inputs: string[][];
  output: string[];
}

/**
 * Parse einsum subscripts; `span` is the span of the string literal, quotes included, and is used
 * to point errors at a character.
 *
 * @example parseSubscripts("ij,jk", span) // { inputs: [["i","j"], ["j","k"]], output: ["i","k"] }
 */
export function parseSubscripts(subscripts: string, span: Span): Subscripts {
  const at = (i: number, length = 1): Span => ({
    start: span.start + 1 + i,
    end: span.start + 1 + i + length,
  });
  const ellipsis = subscripts.indexOf("...");
  if (ellipsis >= 0) {
    throw new ParseError(
      "einsum's ellipsis '...' is not supported; name every axis",
      at(ellipsis, 3),
    );
  }
  const arrow = subscripts.indexOf("->");
  const second = arrow < 0 ? -1 : subscripts.indexOf("->", arrow + 2);
  if (second >= 0)
    throw new ParseError("einsum subscripts may contain '->' only once", at(second, 2));
  const lhs = arrow < 0 ? subscripts : subscripts.slice(0, arrow);
  const inputs: string[][] = [[]];
  for (const [i, ch] of [...lhs].entries()) {
    if (ch === ",") inputs.push([]);
    else if (/^[a-zA-Z]$/.test(ch)) inputs[inputs.length - 1]?.push(ch);
    else if (!/^\s$/.test(ch)) throw badCharacter(ch, at(i));
  }
  if (arrow < 0) {
    const counts = new Map<string, number>();
    for (const label of inputs.flat()) counts.set(label, (counts.get(label) ?? 0) + 1);
    const output = [...counts].filter(([, n]) => n === 1).map(([label]) => label);
    return { inputs, output: output.sort() };
  }
  const known = new Set(inputs.flat());
  const output: string[] = [];
  for (const [k, ch] of [...subscripts.slice(arrow + 2)].entries()) {
    const i = arrow + 2 + k;
    if (/^\s$/.test(ch)) continue;
    if (!/^[a-zA-Z]$/.test(ch)) throw badCharacter(ch, at(i));
    if (!known.has(ch))
      throw new ParseError(`einsum output index '${ch}' does not appear in any input`, at(i));
    if (output.includes(ch))
      throw new ParseError(`einsum output index '${ch}' appears more than once`, at(i));
    output.push(ch);
  }
  return { inputs, output };
}

function badCharacter(ch: string, span: Span): ParseError {
  return new ParseError(
    `einsum subscripts may contain only letters, ',' and '->', found '${ch}'`,
    span,
  );
}

/**
 * The shape rule of `einsum(subscripts, operands…)`: checks the operand count and ranks, unifies
 * the dimensions of a repeated index, and returns the output indices' dimensions.
 *
 * @example einsumShape(inf, parse("einsum('ij,jk->ik', A, B)").body as Call) // [m, q]
 */
export function einsumShape(inf: Inference, call: Call): TermShape {
  const subscripts = call.args[0] as Expr;
  if (subscripts.kind !== "string") {
    throw new ParseError(
      `einsum's first argument must be a subscript string such as "ij,jk->ik"`,
      subscripts.span,
    );
  }
  const { inputs, output } = parseSubscripts(subscripts.value, subscripts.span);
  const operands = call.args.slice(1);
  if (inputs.length !== operands.length) {
    const quoted = `'${subscripts.value}'`;
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
    const message = `einsum subscripts ${quoted} are for ${plural(inputs.length, "operand")}, but ${plural(operands.length, "operand")} ${operands.length === 1 ? "was" : "were"} given`;
    throw new DiagradError("arity", message, call.span);
  }
  const seen = new Map<string, { dim: Term; operand: Expr }>();
  operands.forEach((operand, k) => {
    const labels = inputs[k] as string[];
    const shape = inf.shapeOf(operand);
    if (shape.length !== labels.length) {
      const message = `einsum subscripts '${labels.join("")}' have ${labels.length} indices, but ${inf.describe(operand)}`;
      throw new ShapeError(message, operand.span);
    }
    labels.forEach((label, axis) => {
      const dim = shape[axis] as Term;
      const before = seen.get(label);
      if (before === undefined) {
        seen.set(label, { dim, operand });
        return;
      }
      const fail = () =>
        new ShapeError(
          `shape mismatch in einsum: index ${label} is ${inf.unifier.resolve(before.dim)} in ${inf.text(before.operand)} but ${inf.unifier.resolve(dim)} in ${inf.text(operand)}`,
          call.span,
        );
      inf.equate(before.dim, dim, "einsum", call.span, fail);
    });
  });
  return output.map((label) => seen.get(label)?.dim as Term);
}
