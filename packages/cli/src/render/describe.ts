/**
 * The words around the numbers: the title `∂²(x @ A @ x)/∂x²`, what the axes of a derivative are
 * (the expression's axes first, then the variable's, J[out…, in…]) and the index-notation line
 * `Γ[i,j,k,l] = δ[j,l] W[i,k] B[k,j]` with its `where` definitions.
 */
import { formatShape, indexNotation, type Network, type Prepared, type Shape } from "@diagrad/core";

const superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹";

function superscript(n: number): string {
  return [...String(n)].map((d) => superscripts[Number(d)]).join("");
}

/**
 * The expression part of the source (declarations left out), whitespace collapsed.
 *
 * @example expressionText(prepare({ source: "A: [2, 2];  A  @ A" })) // "A @ A"
 */
export function expressionText(p: Prepared): string {
  const { body, source } = p.analysis.program;
  return source.slice(body.span.start, body.span.end).replace(/\s+/g, " ").trim();
}

/**
 * `∂(expr)/∂x`, `∂²(expr)/∂x²`, …; a bare name needs no parentheses.
 *
 * @example derivativeTitle("x * y * z", "x", 1) // "∂(x * y * z)/∂x"
 */
export function derivativeTitle(expression: string, wrt: string, order: number): string {
  const power = order === 1 ? "" : superscript(order);
  const body = /^[\p{L}_][\p{L}\p{N}_]*$/u.test(expression) ? expression : `(${expression})`;
  return `∂${power}${body}/∂${wrt}${power}`;
}

/**
 * What the axes of the derivative are, in the J[out…, in…] layout.
 *
 * @example describeAxes(["m", "q"], ["n", "q"], "A", 1) // "the expression's axes [m, q], then A's [n, q]"
 */
export function describeAxes(
  expression: Shape,
  variable: Shape,
  wrt: string,
  order: number,
): string {
  const times = order === 1 ? "" : order === 2 ? ", twice" : `, ${order} times`;
  if (expression.length === 0 && variable.length === 0) return "a scalar";
  if (variable.length === 0)
    return `the expression's axes ${formatShape(expression)} (${wrt} is a scalar)`;
  const axes = `${wrt}'s axes ${formatShape(variable)}${times}`;
  if (expression.length === 0) {
    return order === 1 ? `the gradient, ${axes}` : order === 2 ? `the Hessian, ${axes}` : axes;
  }
  return `the expression's axes ${formatShape(expression)}, then ${wrt}'s ${formatShape(variable)}${times}`;
}

/** The derivative's shape: the expression's, then the variable's `order` times. */
export function derivativeShape(expression: Shape, variable: Shape, order: number): Shape {
  return [...expression, ...Array.from({ length: order }, () => variable).flat()];
}

export interface IndexForm {
  /** `Γ[i,j] = …` */
  head: string;
  /** The free indices, `["i", "j"]`. */
  indices: readonly string[];
  /** `M1[a,b] = …` definitions the head refers to. */
  where: readonly string[];
}

/**
 * The index notation of a network under the tensor name `name`.
 *
 * @example indexForm("Γ", derivative({ source: "x * y * z", wrt: "x" }).network).head
 * // "Γ[i,j] = δ[i,j] y[i] z[i]"
 */
export function indexForm(name: string, network: Network): IndexForm {
  const { indices, formula, where } = indexNotation(network);
  const sub = indices.length ? `[${indices.join(",")}]` : "";
  return { head: `${name}${sub} = ${formula}`, indices, where };
}

/** The index form as one string, definitions joined with "; where " (for JSON). */
export function indexLine(form: IndexForm): string {
  return [form.head, ...form.where].join("; where ");
}

/** The index form as lines, each definition on a `  where …` line (for text). */
export function indexLines(form: IndexForm): string[] {
  return [form.head, ...form.where.map((w) => `  where ${w}`)];
}
