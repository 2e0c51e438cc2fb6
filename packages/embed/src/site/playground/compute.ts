/**
 * The playground's work, as the parts of one answer in the order a reader wants them: the formulas
 * (fast), the diagram (ELK's layout, the slow part), the NumPy and JAX code, the derivation, then
 * the numbers at random values with the finite-difference check. `answer` is an async generator, so whoever runs
 * it (the worker) can stop between parts when a newer request has come in. Nothing here touches a
 * DOM: KaTeX renders to a string and the diagram is a laid-out scene the page draws.
 */
import {
  checkDerivative,
  type Derivative,
  DiagradError,
  derivation,
  derivative,
  formatShape,
  formulas,
  indexNotation,
  inputFormula,
  latexFormula,
  networkExpr,
  prepare,
  pythonCode,
  type Shape,
  textFormula,
} from "@diagrad/core";
import { sceneOf } from "@diagrad/render/browser";
import katex from "katex";
import { formatTensor } from "./numbers.js";
import type { ErrorPart, FormulaPart, Part, Request } from "./protocol.js";

/** The highest order the playground computes (a higher one is an error on the order field). */
export const maxOrder = 4;
/** The seed of the random values the numbers are computed at. */
export const seed = 1;

const superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹";
const power = (n: number) =>
  n === 1 ? "" : [...String(n)].map((d) => superscripts[Number(d)]).join("");

/** The expression part of the source (declarations left out), whitespace collapsed. */
function expressionText(d: Derivative): string {
  const { body, source } = d.analysis.program;
  return source.slice(body.span.start, body.span.end).replace(/\s+/g, " ").trim();
}

/** `∂(x * y)/∂x`, `∂²f/∂x²`. */
function title(d: Derivative): string {
  const e = expressionText(d);
  const body = /^[\p{L}_][\p{L}\p{N}_]*$/u.test(e) ? e : `(${e})`;
  return `∂${power(d.order)}${body}/∂${d.wrt}${power(d.order)}`;
}

/** `\frac{\partial}{\partial x}\left(…\right) = …` for KaTeX. */
function equation(d: Derivative, result: string): string {
  const k = d.order === 1 ? "" : `^{${d.order}}`;
  const expression = latexFormula(networkExpr(d.expression));
  return `\\frac{\\partial${k}}{\\partial ${d.wrt}${k}}\\left(${expression}\\right) = ${result}`;
}

/** What the derivative's axes are, in the J[out…, in…] layout. */
function axes(d: Derivative): string {
  const out: Shape = d.expression.shape;
  const times = d.order === 1 ? "" : d.order === 2 ? ", twice" : `, ${d.order} times`;
  const shape = formatShape(d.network.shape);
  if (d.wrtShape.length === 0 && out.length === 0) return `${shape}: a scalar`;
  if (out.length === 0) return `${shape}: ${d.wrt}'s axes ${formatShape(d.wrtShape)}${times}`;
  return `${shape}: the expression's axes ${formatShape(out)}, then ${d.wrt}'s ${formatShape(d.wrtShape)}${times}`;
}

/** Which input a core error is about: the order's and the variable's own checks, else the expression. */
function fieldOf(error: DiagradError): ErrorPart["field"] {
  if (error.kind !== "usage") return "expr";
  return /order/.test(error.message) ? "order" : "wrt";
}

/** An error as a part; anything that is not a DiagradError is a bug and says so. */
function errorPart(id: number, error: unknown, field?: ErrorPart["field"]): ErrorPart {
  if (error instanceof DiagradError) {
    const span = error.span ? { start: error.span.start, end: error.span.end } : undefined;
    return { kind: "error", id, message: error.message, span, field: field ?? fieldOf(error) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: "error", id, message: `internal error: ${message}`, field: field ?? "expr" };
}

/** The formulas of `d` and KaTeX's rendering of them. */
function formulaPart(id: number, d: Derivative): FormulaPart {
  const f = formulas(d);
  const latex = equation(d, f.latex);
  const notes = [...f.notes];
  if (!d.occurs) notes.unshift(`${d.wrt} does not occur in the expression: the derivative is zero`);
  return {
    kind: "formula",
    id,
    title: title(d),
    formula: f.formula,
    text: f.text,
    html: katex.renderToString(latex, { displayMode: true, throwOnError: false, output: "html" }),
    latex,
    index: f.index,
    vec: f.vec_text,
    differential: f.differential,
    shape: axes(d),
    notes,
  };
}

/** Checks the inputs the core does not: a wrt to differentiate by and an order in range. */
function checkRequest(request: Request): ErrorPart | undefined {
  const { id, wrt, order } = request;
  if (!Number.isInteger(order) || order < 1 || order > maxOrder) {
    const message = `the order must be a whole number from 1 to ${maxOrder}, got ${order}`;
    return { kind: "error", id, message, field: "order" };
  }
  if (wrt.trim() === "") {
    const message = "name the variable to differentiate by";
    return { kind: "error", id, message, field: "wrt" };
  }
  return undefined;
}

/**
 * The parts of the answer to `request`, one at a time. An error in the expression, the variable or
 * the order ends the answer with an error part; a failure in a later part is that part's error.
 *
 * @example
 * for await (const part of answer({ id: 1, expr: "x * y * z", wrt: "x", order: 1 })) console.log(part.kind);
 * // formula, diagram, code, steps, numbers, done
 */
export async function* answer(request: Request): AsyncGenerator<Part> {
  const start = performance.now();
  const { id, expr, order } = request;
  const wrt = request.wrt.trim();
  let d: Derivative;
  try {
    const prepared = prepare({ source: expr }); // the expression's own errors come first
    const problem = checkRequest(request);
    if (problem) {
      if (problem.field === "wrt") {
        const names = [...prepared.variables.keys()];
        if (names.length) problem.message += `: one of ${names.join(", ")}`;
      }
      yield problem;
      return;
    }
    d = derivative({ source: expr, wrt, order });
    yield formulaPart(id, d);
  } catch (error) {
    yield errorPart(id, error);
    return;
  }
  try {
    const index = indexNotation(d.network);
    const sub = index.indices.length ? `[${index.indices.join(",")}]` : "";
    const description = [`Γ${sub} = ${index.formula}`, ...index.where].join("; where ");
    const scene = await sceneOf(d.network, {
      title: title(d),
      description,
      expressionRank: d.expression.shape.length,
    });
    yield { kind: "diagram", id, scene };
  } catch (error) {
    yield errorPart(id, error, "diagram");
  }
  try {
    yield { kind: "code", id, numpy: pythonCode(d, "numpy"), jax: pythonCode(d, "jax") };
  } catch (error) {
    yield errorPart(id, error, "code");
  }
  try {
    const steps = derivation({ source: expr, wrt, order }).map((step) => {
      const e = networkExpr(step.network);
      return {
        rule: step.rule,
        details: step.details,
        text: textFormula(e),
        formula: inputFormula(e),
      };
    });
    yield { kind: "steps", id, steps };
  } catch (error) {
    yield errorPart(id, error, "steps");
  }
  try {
    const check = checkDerivative({ source: expr, wrt, order, seed });
    const values = Object.entries(check.values).map(([name, t]) => ({
      name,
      value: formatTensor(t, 24, 3),
    }));
    yield {
      kind: "numbers",
      id,
      seed,
      values,
      derivative: formatTensor(check.analytic),
      maxRelativeError: check.maxRelativeError,
    };
  } catch (error) {
    yield errorPart(id, error, "numbers");
  }
  yield { kind: "done", id, ms: Math.round(performance.now() - start) };
}
