/**
 * The words around a derivative on the playground page: its title (`∂(x * y)/∂x`, as the diagram's
 * `<title>` has it), the equation KaTeX typesets, and what the derivative's axes are.
 */
import { type Derivative, formatShape, latexFormula, networkExpr, type Shape } from "@diagrad/core";

const superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹";
const power = (n: number) =>
  n === 1 ? "" : [...String(n)].map((d) => superscripts[Number(d)]).join("");

/** The expression part of the source (declarations left out), whitespace collapsed. */
function expressionText(d: Derivative): string {
  const { body, source } = d.analysis.program;
  return source.slice(body.span.start, body.span.end).replace(/\s+/g, " ").trim();
}

/** `∂(x * y)/∂x`, `∂²f/∂x²`. @example title(derivative({ source: "x * y", wrt: "x" })) // "∂(x * y)/∂x" */
export function title(d: Derivative): string {
  const e = expressionText(d);
  const body = /^[\p{L}_][\p{L}\p{N}_]*$/u.test(e) ? e : `(${e})`;
  return `∂${power(d.order)}${body}/∂${d.wrt}${power(d.order)}`;
}

/**
 * `\frac{\partial}{\partial x}\left(…\right) = result`, the equation KaTeX typesets.
 *
 * @example equation(derivative({ source: "x @ A @ x", wrt: "x", order: 2 }), "A + A^\\top")
 */
export function equation(d: Derivative, result: string): string {
  const k = d.order === 1 ? "" : `^{${d.order}}`;
  const expression = latexFormula(networkExpr(d.expression));
  return `\\frac{\\partial${k}}{\\partial ${d.wrt}${k}}\\left(${expression}\\right) = ${result}`;
}

/**
 * The derivative's shape and what its axes are, in the J[out…, in…] layout.
 *
 * @example axes(derivative({ source: "W @ (A * B)", wrt: "A" })) // "[m, q, n, q]: the expression's axes [m, q], then A's [n, q]"
 */
export function axes(d: Derivative): string {
  const out: Shape = d.expression.shape;
  const times = d.order === 1 ? "" : d.order === 2 ? ", twice" : `, ${d.order} times`;
  const shape = formatShape(d.network.shape);
  if (d.wrtShape.length === 0 && out.length === 0) return `${shape}: a scalar`;
  if (out.length === 0) return `${shape}: ${d.wrt}'s axes ${formatShape(d.wrtShape)}${times}`;
  return `${shape}: the expression's axes ${formatShape(out)}, then ${d.wrt}'s ${formatShape(d.wrtShape)}${times}`;
}
