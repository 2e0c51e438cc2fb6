/**
 * Networks to a scene. `layout` draws one network as a figure: the expression's free axes leave
 * by the east border and a derivative's new axes (those at or past `expressionRank`) by the west,
 * each named as in index notation (i, j, k, …). `layoutStrip` sets several figures side by side
 * under their captions (the expression, then its derivative), or one above the other when a row
 * would be wider than `maxWidth`. Everything is awaited in order, so the result is deterministic.
 */
import type { Network } from "@diagrad/core";
import { mergePanels, type Panel, round, type Scene, translatePanel } from "../scene/scene.js";
import { fontSizes, textWidth } from "../text/metrics.js";
import { findDefinitions } from "./definitions.js";
import { layoutNetwork, textPanel } from "./network.js";

/** What to draw and how. */
export interface LayoutOptions {
  /** Free axes at or past this one are a derivative's new axes (default: all are the expression's). */
  expressionRank?: number;
  /** Index names of the free axes (default i, j, k, l, p, q, …, as index notation names them). */
  names?: readonly string[];
  /** Wrap a sum's terms (and a strip's figures) past this width, in px (default 960). */
  maxWidth?: number;
  /** Name repeated large function arguments and draw them once below (default true). */
  define?: boolean;
  /** Text for `<title>` and `<desc>`. */
  title?: string;
  description?: string;
}

/** One figure of a strip: a network and the caption above it. */
export interface Figure {
  network: Network;
  caption: string;
  expressionRank?: number;
}

const outerNames = ["i", "j", "k", "l", "p", "q", "r", "s", "t", "u", "v", "w"];
const margin = 8;
const captionGap = 6;
const definitionGap = 20;

/**
 * The index notation's names for `rank` free axes.
 *
 * @example indexNames(3) // ["i", "j", "k"]
 */
export function indexNames(rank: number): string[] {
  return Array.from({ length: rank }, (_, k) => outerNames[k] ?? `i${k}`);
}

async function figurePanel(
  network: Network,
  options: LayoutOptions,
  expressionRank?: number,
): Promise<Panel> {
  const definitions = options.define === false ? new Map() : findDefinitions([network]);
  const settings = { maxWidth: options.maxWidth ?? 960, cache: new Map(), definitions };
  const laid = await layoutNetwork(network, {
    ...settings,
    ctx: {
      kind: "figure",
      expressionRank: expressionRank ?? options.expressionRank ?? network.shape.length,
      names: options.names ?? indexNames(network.shape.length),
    },
  });
  const parts: Panel[] = [laid.panel];
  for (const [key, def] of definitions) {
    const rank = def.network.shape.length;
    const names = indexNames(rank);
    const ctx = { kind: "figure" as const, expressionRank: rank, names };
    const body = await layoutNetwork(def.network, { ...settings, ctx, defining: key });
    const head = textPanel(
      `${def.name}${rank ? `[${names.join(",")}]` : ""} =`,
      "coefficient",
      fontSizes.sign,
    );
    const height = Math.max(head.height, body.panel.height);
    const row = [
      translatePanel(head, 0, (height - head.height) / 2),
      translatePanel(body.panel, head.width + 8, (height - body.panel.height) / 2),
    ];
    parts.push(mergePanels(head.width + 8 + body.panel.width, height, row));
  }
  let y = 0;
  const stacked = parts.map((p) => {
    const moved = translatePanel(p, 0, y);
    y += p.height + definitionGap;
    return moved;
  });
  return mergePanels(Math.max(...parts.map((p) => p.width)), y - definitionGap, stacked);
}

function withMargin(panel: Panel, options: LayoutOptions): Scene {
  const moved = translatePanel(panel, margin, margin);
  return {
    ...moved,
    width: round(panel.width + 2 * margin),
    height: round(panel.height + 2 * margin),
    title: options.title ?? "",
    description: options.description ?? "",
  };
}

/**
 * The scene of one network.
 *
 * @example const scene = await layout(derivative({ source: "x * y * z", wrt: "x" }).network, { expressionRank: 1 });
 */
export async function layout(network: Network, options: LayoutOptions = {}): Promise<Scene> {
  return withMargin(await figurePanel(network, options), options);
}

/**
 * The scene of several captioned figures, in a row (or a column when the row would be too wide).
 *
 * @example await layoutStrip([{ network: e, caption: "f" }, { network: d, caption: "∂f/∂x", expressionRank: 1 }])
 */
export async function layoutStrip(
  figures: readonly Figure[],
  options: LayoutOptions = {},
): Promise<Scene> {
  const captioned: Panel[] = [];
  for (const f of figures) {
    const panel = await figurePanel(f.network, { ...options, names: undefined }, f.expressionRank);
    const height = round(fontSizes.caption * 1.5);
    const width = Math.max(panel.width, textWidth(f.caption, fontSizes.caption));
    const caption = {
      x: 0,
      y: round(fontSizes.caption),
      text: f.caption,
      role: "caption" as const,
      anchor: "start" as const,
    };
    const body = translatePanel(panel, 0, height + captionGap);
    captioned.push({
      ...mergePanels(width, height + captionGap + panel.height, [body]),
      labels: [caption, ...body.labels],
    });
  }
  const between = 32;
  const rowWidth = captioned.reduce((s, p) => s + p.width, 0) + between * (captioned.length - 1);
  const inRow = rowWidth <= (options.maxWidth ?? 960);
  const placed: Panel[] = [];
  let offset = 0;
  for (const p of captioned) {
    placed.push(inRow ? translatePanel(p, offset, 0) : translatePanel(p, 0, offset));
    offset += (inRow ? p.width : p.height) + between;
  }
  const width = inRow ? rowWidth : Math.max(...captioned.map((p) => p.width));
  const height = inRow ? Math.max(...captioned.map((p) => p.height)) : offset - between;
  return withMargin(mergePanels(width, height, placed), options);
}
