/**
 * The playground's work, as the parts of one answer in two lanes: the words (the formulas, which
 * are fast, then the NumPy and JAX code, the derivation, and the numbers at random values with the
 * finite-difference check) and the diagram (ELK's layout, the slow part). `answer` is an async
 * generator, so whoever runs it (the worker) can stop between parts when a newer request has come
 * in. Nothing here touches a DOM: KaTeX renders to a string and the diagram is a laid-out scene
 * the page draws.
 */
import {
  checkDerivative,
  type Derivative,
  DiagradError,
  derivation,
  derivative,
  formulas,
  indexNotation,
  inputFormula,
  networkExpr,
  prepare,
  pythonCode,
  textFormula,
} from "@diagrad/core";
import { sceneOf } from "@diagrad/render/browser";
import katex from "katex";
import { axes, equation, title } from "./describe.js";
import { formatTensor } from "./numbers.js";
import type {
  DiagramPart,
  DonePart,
  ErrorPart,
  FormulaPart,
  Lane,
  NumbersPart,
  Part,
  Request,
  StepsPart,
} from "./protocol.js";

/** The highest order the playground computes (a higher one is an error on the order field). */
export const maxOrder = 4;
/** The seed of the random values the numbers are computed at. */
export const seed = 1;

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

const isErrorPart = (x: Derivative | ErrorPart): x is ErrorPart =>
  (x as ErrorPart).kind === "error";

/** The derivative `request` asks for, or the error part that says why there is none. */
function derive(request: Request): Derivative | ErrorPart {
  const { id, expr, order } = request;
  try {
    const prepared = prepare({ source: expr }); // the expression's own errors come first
    const problem = checkRequest(request);
    if (problem?.field === "wrt") {
      const names = [...prepared.variables.keys()];
      if (names.length) problem.message += `: one of ${names.join(", ")}`;
    }
    return problem ?? derivative({ source: expr, wrt: request.wrt.trim(), order });
  } catch (error) {
    return errorPart(id, error);
  }
}

/** The derivative's diagram, laid out. */
async function diagramPart(id: number, d: Derivative): Promise<DiagramPart> {
  const index = indexNotation(d.network);
  const sub = index.indices.length ? `[${index.indices.join(",")}]` : "";
  const description = [`Γ${sub} = ${index.formula}`, ...index.where].join("; where ");
  const scene = await sceneOf(d.network, {
    title: title(d),
    description,
    expressionRank: d.expression.shape.length,
  });
  return { kind: "diagram", id, scene };
}

/** The derivation, step by step. */
function stepsPart(id: number, request: Request): StepsPart {
  const { expr, wrt, order } = request;
  const steps = derivation({ source: expr, wrt: wrt.trim(), order }).map((step) => {
    const e = networkExpr(step.network);
    return {
      rule: step.rule,
      details: step.details,
      text: textFormula(e),
      formula: inputFormula(e),
    };
  });
  return { kind: "steps", id, steps };
}

/** The numbers at seeded random values and the finite-difference check. */
function numbersPart(id: number, request: Request): NumbersPart {
  const { expr, wrt, order } = request;
  const check = checkDerivative({ source: expr, wrt: wrt.trim(), order, seed });
  return {
    kind: "numbers",
    id,
    seed,
    values: Object.entries(check.values).map(([name, t]) => ({
      name,
      value: formatTensor(t, 24, 3),
    })),
    derivative: formatTensor(check.analytic),
    maxRelativeError: check.maxRelativeError,
  };
}

/**
 * The parts of the answer to `request` in one lane, one at a time, then `done`. The `words` lane
 * gives the formulas, the code, the derivation and the numbers, and says what is wrong with the
 * inputs (an error there ends the answer); the `diagram` lane gives the diagram only, and ends
 * quietly on bad inputs (the words lane reports them). The page runs the two lanes in two
 * workers, so the formula never waits for a layout. A failure in a later part is that part's
 * error and the answer goes on.
 *
 * @example
 * for await (const part of answer({ id: 1, expr: "x * y * z", wrt: "x", order: 1 }, "words")) console.log(part.kind);
 * // formula, code, steps, numbers, done
 */
export async function* answer(request: Request, lane: Lane): AsyncGenerator<Part> {
  const start = performance.now();
  const { id } = request;
  const d = derive(request);
  const done = (): DonePart => ({
    kind: "done",
    id,
    lane,
    ms: Math.round(performance.now() - start),
  });
  if (isErrorPart(d)) {
    if (lane === "words") yield d;
    yield done();
    return;
  }
  const attempts: [ErrorPart["field"], () => Part | Promise<Part>][] =
    lane === "diagram"
      ? [["diagram", () => diagramPart(id, d)]]
      : [
          ["expr", () => formulaPart(id, d)],
          [
            "code",
            () => ({ kind: "code", id, numpy: pythonCode(d, "numpy"), jax: pythonCode(d, "jax") }),
          ],
          ["steps", () => stepsPart(id, request)],
          ["numbers", () => numbersPart(id, request)],
        ];
  for (const [field, make] of attempts) {
    try {
      yield await make();
    } catch (error) {
      yield errorPart(id, error, field);
    }
  }
  yield done();
}
