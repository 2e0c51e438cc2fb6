/**
 * A subject (figures and words) laid out as one scene: a single figure without a caption, or a
 * strip of captioned figures. Shared by the Node renderers and the browser entry point.
 */
import { type LayoutOptions, layout, layoutStrip } from "../layout/layout.js";
import { type Drawable, type SourceOptions, subjectOf } from "../source.js";
import { checkDrawable, checkOptions } from "../validate.js";
import type { Scene } from "./scene.js";

/** Options of every render: what to take from the source and how to lay it out. */
export type SceneOptions = SourceOptions & Omit<LayoutOptions, "title" | "description">;

/**
 * The scene of `input`; with `steps`, a strip of the expression and its derivative.
 *
 * @example const scene = await sceneOf("W @ (A * B)", { wrt: "A" });
 */
export async function sceneOf(
  input: Drawable,
  options: SceneOptions = {},
  steps = false,
): Promise<Scene> {
  checkDrawable(input);
  checkOptions(options);
  const subject = subjectOf(input, options ?? {}, steps);
  const words = { ...options, title: subject.title, description: subject.description };
  if (subject.figures.length === 1 && !steps) {
    const [figure] = subject.figures;
    return layout(figure.network, {
      ...words,
      expressionRank: figure.expressionRank ?? options.expressionRank,
    });
  }
  return layoutStrip(subject.figures, words);
}
