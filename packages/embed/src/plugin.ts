/**
 * The remark plugin: every ```diagrad fence becomes its diagram, formula and (if asked) derivation
 * steps, drawn in Node with @diagrad/render. Problems are vfile messages at the culprit inside the
 * fence (source `diagrad`; rule `bad-fence` for a fence that cannot be drawn, `zero-derivative`
 * for a `wrt` that does not occur), as rehype-katex reports bad math: by default the first bad
 * fence fails the file (`file.fail`); with `keepGoing` it becomes a visible error box and the
 * build goes on. With `embed: "file"` the SVGs are not written anywhere: they are left in
 * `file.data.diagrad.images` for the caller to save at their URLs.
 */
import type { Code, Parent, Root, RootContent } from "mdast";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";
import { FenceError, type FenceRange, fenceLines, locate, readFence } from "./fence.js";
import { renderFigure } from "./figure.js";
import { asFile, errorBox, figureNodes, inline } from "./nodes.js";
import { placeInDocument } from "./place.js";
import { formatMessage } from "./report.js";
import { defaultSettings } from "./settings.js";
import { checkPluginOptions } from "./validate.js";

/** The plugin's options. */
export interface RemarkDiagradOptions {
  /** `inline` (default): `<svg>` in the document; `file`: an image linked from `imageDir`. */
  embed?: "inline" | "file";
  /** The URL folder of the images with `embed: "file"` (default `diagrams`). */
  imageDir?: string;
  /** The theme of fences that do not choose one (default light). */
  theme?: "light" | "dark";
  /** Draw an error box for a bad fence and go on, instead of failing the file. */
  keepGoing?: boolean;
  /** Prefix of the ids inside the SVGs, unique per page (default `diagrad`). */
  idPrefix?: string;
}

/** An image for the caller to write with `embed: "file"`: `url` is `imageDir/name`. */
export interface DiagradImage {
  name: string;
  url: string;
  svg: string;
}

declare module "vfile" {
  interface DataMap {
    diagrad: { images: DiagradImage[]; fences: number };
  }
}

declare module "mdast" {
  interface Data {
    /** The number (from 0) of the ```diagrad fence a node replaces. */
    diagradFence?: number;
  }
}

/** Where an error from drawing a fence points, or undefined if it is not the user's error (a bug). */
function rangeOf(
  error: unknown,
  source: string,
  values: Record<string, FenceRange>,
): FenceRange | undefined {
  if (error instanceof FenceError) return error.range;
  if (!(error instanceof Error) || !("kind" in error)) return undefined;
  const { kind, span } = error as Error & { kind: string; span?: { start: number; end: number } };
  // errors about the whole request point at the option that made it: the order, else wrt
  if (kind === "limit" && !span) return values.order ?? locate(source, undefined);
  if (kind === "usage" && !span && /\border\b/.test((error as Error).message))
    return values.order ?? values.wrt ?? locate(source, undefined);
  if (kind === "usage" && !span) return values.wrt ?? values.order ?? locate(source, undefined);
  return locate(source, span);
}

/**
 * The plugin, for `unified().use(remarkDiagrad, options)`; with remark-rehype, pass
 * `allowDangerousHtml: true` to it and to rehype-stringify so the inline SVG survives.
 *
 * @example
 * const file = await unified().use(remarkParse).use(remarkDiagrad, { keepGoing: true })
 *   .use(remarkStringify).process("```diagrad\nx * y * z\nwrt: x\n```\n");
 */
export default function remarkDiagrad(options: RemarkDiagradOptions = {}) {
  checkPluginOptions(options);
  const prefix = options.idPrefix ?? "diagrad";
  const defaults = { ...defaultSettings, theme: options.theme ?? defaultSettings.theme };
  return async (tree: Root, file: VFile): Promise<void> => {
    const document = String(file);
    const fences: { node: Code; parent: Parent }[] = [];
    visit(tree, "code", (node, _index, parent) => {
      if (node.lang === "diagrad" && parent) fences.push({ node, parent });
    });
    const images: DiagradImage[] = [];
    const imageDir = (options.imageDir ?? "diagrams").replace(/\/$/, "");
    const url = (name: string) => `${imageDir}/${name}.svg`;
    const show =
      options.embed === "file"
        ? asFile(url, (name, svg) => images.push({ name: `${name}.svg`, url: url(name), svg }))
        : inline;
    for (const [k, { node, parent }] of fences.entries()) {
      const fix = (range: FenceRange) => placeInDocument(document, node, range);
      const origin = { source: "diagrad" };
      let nodes: RootContent[];
      let values: Record<string, FenceRange> = {};
      try {
        const fence = readFence(node.value, defaults);
        values = { ...fence.values };
        const figure = await renderFigure(fence.source, fence.settings, `${prefix}-${k + 1}`);
        if (figure.note) {
          const place = fix(fence.values.wrt ?? locate(fence.source, undefined));
          file.message(figure.note, { ...origin, place, ruleId: "zero-derivative" });
        }
        nodes = figureNodes(figure, show, String(k + 1));
      } catch (error) {
        const range = rangeOf(error, fenceLines(node.value)[0], values);
        if (range === undefined) throw error;
        const reason = (error as Error).message;
        const where = { ...origin, place: fix(range), ruleId: "bad-fence" };
        if (!options.keepGoing) file.fail(reason, where);
        const message = file.message(reason, where);
        nodes = [errorBox(formatMessage(document, message, file.path ?? "input"))];
      }
      for (const n of nodes) {
        n.data = { ...n.data, diagradFence: k };
        n.position = node.position;
      }
      parent.children.splice(parent.children.indexOf(node), 1, ...(nodes as Parent["children"]));
    }
    file.data.diagrad = { images, fences: fences.length };
  };
}
