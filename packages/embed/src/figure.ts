/**
 * One diagram of a document, drawn in Node: the expression (or, with `wrt`, its derivative) as SVG
 * through @diagrad/render, its formula, and, when asked, the derivation's steps (rule names, and
 * each step's network drawn). Errors are the core's `DiagradError`s, left to the caller to place.
 */
import { derivation, derivative, prepare } from "@diagrad/core";
import { renderSvg } from "@diagrad/render";
import { formulaOf } from "./formula.js";
import type { DiagramSettings } from "./settings.js";

/** One step of a derivation as shown: the rule, what it did, and (with `steps: diagrams`) its network. */
export interface FigureStep {
  rule: string;
  details: string[];
  svg?: string;
}

/** A drawn diagram and the words that go with it. */
export interface Figure {
  /** The SVG text, on one line. */
  svg: string;
  /** What the diagram shows: the expression, or `∂(expression)/∂x`. */
  title: string;
  /** The formula, e.g. `Γ[i,j] = δ[i,j] y[i] z[i]`. */
  formula: string;
  steps: FigureStep[];
  /** Something true that the reader may not expect (a `wrt` that does not occur). */
  note?: string;
}

const titleOf = (svg: string) =>
  /<title[^>]*>([^<]*)<\/title>/
    .exec(svg)?.[1]
    ?.replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&") ?? "";

/** SVG text on one line, so that it stays one HTML block in Markdown. */
const oneLine = (svg: string) => svg.replace(/\s*\n\s*/g, " ");

/**
 * Draws `source` with `settings`; `id` prefixes the ids inside the SVG (unique per page).
 *
 * @example (await renderFigure("x * y * z", { ...defaultSettings, wrt: "x" }, "d1")).formula // "Γ = Diag(y ∘ z)"
 */
export async function renderFigure(
  source: string,
  settings: DiagramSettings,
  id: string,
): Promise<Figure> {
  const problem = { source, shapes: settings.shapes };
  const { wrt, order, theme } = settings;
  const options = { ...problem, wrt, order, theme, id };
  if (wrt === undefined) {
    const network = prepare(problem).network;
    const svg = oneLine(await renderSvg(source, options));
    return { svg, title: titleOf(svg), formula: formulaOf(network, "F"), steps: [] };
  }
  const d = derivative({ ...problem, wrt, order });
  const svg = oneLine(await renderSvg(source, options));
  const figure: Figure = {
    svg,
    title: titleOf(svg),
    formula: formulaOf(d.network, "Γ", d),
    steps: [],
  };
  if (!d.occurs) figure.note = `${wrt} does not occur in the expression: the derivative is zero`;
  if (settings.steps === "none") return figure;
  const rank = d.expression.shape.length;
  const steps = derivation({ ...problem, wrt, order });
  for (const [k, step] of steps.entries()) {
    const drawn =
      settings.steps === "diagrams"
        ? oneLine(
            await renderSvg(step.network, {
              theme,
              id: `${id}-step${k + 1}`,
              title: step.rule,
              expressionRank: step.order > 0 ? rank : undefined,
            }),
          )
        : undefined;
    figure.steps.push({ rule: step.rule, details: step.details, svg: drawn });
  }
  return figure;
}
