/**
 * What the renderers accept: an expression's source text (drawn as it is, or, given `wrt`, its
 * derivative) or a network already built. Either way the result is a list of figures with the
 * words for `<title>` (the expression, or `∂(expression)/∂x`) and `<desc>` (the index notation).
 */
import {
  derivation,
  derivative,
  indexNotation,
  type Limits,
  type Network,
  type Prepared,
  prepare,
} from "@diagrad/core";
import type { Figure } from "./layout/layout.js";

/** An expression's source text or a network. */
export type Drawable = string | Network;

/** What to take from the expression: the derivative to draw, and declared shapes. */
export interface SourceOptions extends Limits {
  /** Draw the derivative with respect to this variable. */
  wrt?: string;
  order?: number;
  shapes?: Readonly<Record<string, readonly (number | string)[]>>;
  title?: string;
  description?: string;
}

/** What a render draws: figures (one, or several for a strip) and the words about them. */
export interface Subject {
  figures: Figure[];
  title: string;
  description: string;
}

const superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹";

function expressionText(p: Prepared): string {
  const { body, source } = p.analysis.program;
  return source.slice(body.span.start, body.span.end).replace(/\s+/g, " ").trim();
}

/** `∂(x * y)/∂x`, `∂²f/∂x²`. @example derivativeTitle("x * y", "x", 1) // "∂(x * y)/∂x" */
export function derivativeTitle(expression: string, wrt: string, order: number): string {
  const power = order === 1 ? "" : [...String(order)].map((d) => superscripts[Number(d)]).join("");
  const body = /^[\p{L}_][\p{L}\p{N}_]*$/u.test(expression) ? expression : `(${expression})`;
  return `∂${power}${body}/∂${wrt}${power}`;
}

function notation(name: string, net: Network): string {
  const { indices, formula, where } = indexNotation(net);
  const head = `${name}${indices.length ? `[${indices.join(",")}]` : ""} = ${formula}`;
  return [head, ...where].join("; where ");
}

/**
 * The figures for `input`; with `steps`, every step of the derivation from the expression to its
 * simplified derivative (`derivation` in core), each captioned with its rule.
 *
 * @example subjectOf("x * y * z", { wrt: "x" }).title // "∂(x * y * z)/∂x"
 */
export function subjectOf(input: Drawable, options: SourceOptions = {}, steps = false): Subject {
  if (typeof input !== "string") {
    const figure = { network: input, caption: options.title ?? "" };
    return {
      figures: [figure],
      title: options.title ?? "tensor network",
      description: options.description ?? notation("T", input),
    };
  }
  const { maxTerms, maxNodes, onProgress } = options;
  const problem = { source: input, shapes: options.shapes, maxTerms, maxNodes, onProgress };
  if (options.wrt === undefined) {
    const p = prepare(problem);
    const title = options.title ?? expressionText(p);
    return {
      figures: [{ network: p.network, caption: title }],
      title,
      description: options.description ?? notation("F", p.network),
    };
  }
  const d = derivative({ ...problem, wrt: options.wrt, order: options.order ?? 1 });
  const expression = expressionText(d);
  const dTitle = derivativeTitle(expression, d.wrt, d.order);
  const rank = d.expression.shape.length;
  const derivativeFigure = { network: d.network, caption: dTitle, expressionRank: rank };
  if (!steps) {
    return {
      figures: [derivativeFigure],
      title: options.title ?? dTitle,
      description: options.description ?? notation("Γ", d.network),
    };
  }
  // the derivation, step by step: the expression, each differentiation, each simplification
  const derived = derivation({ ...problem, wrt: options.wrt, order: options.order ?? 1 });
  return {
    figures: derived.map((step, k) => ({
      network: step.network,
      caption: `${k + 1}. ${k === 0 ? expression : step.rule}`,
      expressionRank: rank,
    })),
    title: options.title ?? `${expression} and ${dTitle}, step by step`,
    description:
      options.description ??
      `${derived.map((step, k) => `${k + 1}. ${step.rule}`).join("; ")}; ${notation("Γ", d.network)}`,
  };
}
