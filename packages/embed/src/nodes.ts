/**
 * A drawn figure as Markdown syntax tree nodes, which is what replaces a ```diagrad fence: the
 * diagram (inline `<svg>` in a `<figure>`, or an image file linked by URL), the formula in a code
 * span, and the derivation's steps as an ordered list. A fence that failed becomes one visible
 * error box instead, its text escaped. Every HTML node is a single line, so it stays one HTML
 * block in Markdown, inside lists and block quotes too.
 */
import type { Html, ListItem, Paragraph, RootContent } from "mdast";
import { escapeHtml } from "./escape.js";
import type { Figure } from "./figure.js";

/** Turns one SVG into the node that shows it: inline HTML, or an image written elsewhere. */
export type Show = (svg: string, title: string, name: string) => Html | Paragraph;

/** Shows SVG inline: `<figure class="diagrad">…</figure>`. @example inline(svg, "∂f/∂x", "1") */
export const inline: Show = (svg) => ({
  type: "html",
  value: `<figure class="diagrad">${svg}</figure>`,
});

/**
 * Shows SVG as an image at `url(name)`, handing the SVG to `save`.
 *
 * @example asFile((name) => `README-diagrams/${name}.svg`, (name, svg) => images.push({ name, svg }))
 */
export function asFile(
  url: (name: string) => string,
  save: (name: string, svg: string) => void,
): Show {
  return (svg, title, name) => {
    save(name, svg);
    return { type: "paragraph", children: [{ type: "image", url: url(name), alt: title }] };
  };
}

function stepItem(step: Figure["steps"][number], show: Show, name: string): ListItem {
  const children: ListItem["children"] = [
    { type: "paragraph", children: [{ type: "text", value: step.rule }] },
  ];
  if (step.details.length) {
    children.push({
      type: "list",
      ordered: false,
      spread: false,
      children: step.details.map((d) => ({
        type: "listItem",
        spread: false,
        children: [{ type: "paragraph", children: [{ type: "text", value: d }] }],
      })),
    });
  }
  if (step.svg) children.push(show(step.svg, step.rule, name));
  return { type: "listItem", spread: false, children };
}

/**
 * The nodes that show `figure`; `name` names its images (`3`, and `3-step-1`, … for steps).
 *
 * @example figureNodes(figure, inline, "1") // [html, paragraph(inlineCode)]
 */
export function figureNodes(figure: Figure, show: Show, name: string): RootContent[] {
  const nodes: RootContent[] = [
    show(figure.svg, figure.title, name),
    { type: "paragraph", children: [{ type: "inlineCode", value: figure.formula }] },
  ];
  if (figure.steps.length) {
    nodes.push({
      type: "list",
      ordered: true,
      start: 1,
      spread: false,
      children: figure.steps.map((s, k) => stepItem(s, show, `${name}-step-${k + 1}`)),
    });
  }
  return nodes;
}

/**
 * A visible error box in place of a fence: the formatted message (location, line and caret).
 *
 * @example errorBox("IN.md:3:5: error: unknown name 'q'\n  3 | q\n    | ^").value // '<div class="diagrad-error" role="alert">…'
 */
export function errorBox(text: string): Html {
  const body = escapeHtml(text).replace(/\n/g, "&#10;");
  return {
    type: "html",
    value: `<div class="diagrad-error" role="alert"><strong>diagrad could not draw this</strong><pre>${body}</pre></div>`,
  };
}
