/**
 * A whole network, laid out: its terms one by one (each function box's argument first, bottom
 * up, so a box reaches ELK as a node of known size with its ports where the argument's legs end),
 * then arranged as a sum. A figure's terms stand in rows joined by `+`/`−` and their
 * coefficients, wrapping at `maxWidth`; a box's argument stacks its terms in a column with the
 * sign between them, so every term's legs reach the frame. Equal arguments (by the core's
 * canonical key) are laid out once per call.
 */
import { type Network, networkKey, type Term } from "@diagrad/core";
import { type Panel, round, type SceneLabel, translatePanel } from "../scene/scene.js";
import { fontSizes, textWidth } from "../text/metrics.js";
import { type BoxDrawing, boxDrawing, boxLabel, type LaidNetwork, type Tip } from "./box.js";
import { termPrefix } from "./coefficient.js";
import type { Definition } from "./definitions.js";
import { referencePanel } from "./reference.js";
import type { NetworkContext } from "./sides.js";
import { layoutTerm } from "./term.js";

/** Functions of a whole tensor, whose argument's axes end inside the box (the core's `tensorFunctions`). */
const tensorFunctions: ReadonlySet<string> = new Set([
  "inv",
  "det",
  "logdet",
  "softmax",
  "logsumexp",
  "norm",
]);

const gap = { sign: 8, term: 10, row: 18 } as const;

/** Settings for laying out one network. */
export interface NetworkLayout {
  ctx: NetworkContext;
  /** Terms of a figure wrap onto a new row past this width. */
  maxWidth: number;
  /** Drawings of box arguments already made, by canonical key. */
  cache: Map<string, Promise<LaidNetwork>>;
  /** Arguments drawn once below the figure under a name, by canonical key. */
  definitions: ReadonlyMap<string, Definition>;
  /** The key of the definition being drawn (never replaced by its own name). */
  defining?: string;
}

const innerContext: NetworkContext = { kind: "inner", expressionRank: 0, names: [] };

async function boxesOf(term: Term, settings: NetworkLayout): Promise<Map<string, BoxDrawing>> {
  const boxes = new Map<string, BoxDrawing>();
  const keys = term.graph.filterNodes((_n, a) => a.kind === "box").sort();
  for (const key of keys) {
    const attrs = term.graph.getNodeAttributes(key);
    if (attrs.kind !== "box") continue;
    const cacheKey = networkKey(attrs.inner);
    const named = cacheKey === settings.defining ? undefined : settings.definitions.get(cacheKey);
    let inner = named
      ? Promise.resolve(referencePanel(named.name, attrs.inner.shape.length))
      : settings.cache.get(cacheKey);
    if (!inner) {
      inner = layoutNetwork(attrs.inner, { ...settings, ctx: innerContext });
      settings.cache.set(cacheKey, inner);
    }
    // one port per wire end: a trace's self-loop (tr(inv(A))) has two ends on the box
    let rank = 0;
    term.graph.forEachEdge(key, (_e, _a, s, t) => {
      rank += s === t ? 2 : 1;
    });
    boxes.set(key, boxDrawing(boxLabel(attrs), !tensorFunctions.has(attrs.fn), await inner, rank));
  }
  return boxes;
}

/** A panel holding one line of text, sized to it. @example textPanel("+", "sign", 16).labels[0].text // "+" */
export function textPanel(text: string, role: SceneLabel["role"], size: number): Panel {
  const width = round(textWidth(text, size) + 4);
  const height = round(size * 1.6);
  const label: SceneLabel = {
    x: round(width / 2),
    y: round(height / 2 + size * 0.35),
    text,
    role,
    anchor: "middle",
  };
  return { width, height, shapes: [], wires: [], labels: [label] };
}

/** The prefix panels in front of term `index`: its sign and magnitude (none for a plain `+ 1`). */
function prefixPanels(term: Term, index: number): Panel[] {
  const { sign, magnitude } = termPrefix(term.coeff, index);
  const parts: Panel[] = [];
  if (sign) parts.push(textPanel(sign, "sign", fontSizes.sign));
  if (magnitude) parts.push(textPanel(magnitude, "coefficient", fontSizes.sign));
  return parts;
}

/** A term with no tensors at all (a constant): its coefficient alone, `1` when that is empty. */
function constantPanel(term: Term): Panel {
  return textPanel(termPrefix(term.coeff, 0).magnitude || "1", "coefficient", fontSizes.sign);
}

/** Terms side by side in rows no wider than `maxWidth`, each row centred on a common axis. */
function rows(items: readonly Panel[][], maxWidth: number): Panel {
  const lines: Panel[][] = [[]];
  let width = 0;
  for (const group of items) {
    const w = group.reduce((s, p) => s + p.width + gap.sign, 0);
    const line = lines[lines.length - 1];
    if (line.length > 0 && width + w > maxWidth) {
      lines.push([]);
      width = 0;
    }
    lines[lines.length - 1].push(...group);
    width += w;
  }
  const placed: Panel[] = [];
  let y = 0;
  let widest = 0;
  for (const line of lines) {
    const height = Math.max(...line.map((p) => p.height));
    let x = 0;
    for (const p of line) {
      placed.push(translatePanel(p, x, y + (height - p.height) / 2));
      x += p.width + gap.sign;
    }
    widest = Math.max(widest, x - gap.sign);
    y += height + gap.row;
  }
  return {
    width: round(widest),
    height: round(y - gap.row),
    shapes: placed.flatMap((p) => p.shapes),
    wires: placed.flatMap((p) => p.wires),
    labels: placed.flatMap((p) => p.labels),
  };
}

/** Terms one above the other, each prefix on its own line between them; tips move with their term. */
function column(terms: readonly LaidNetwork[], prefixes: readonly Panel[][]): LaidNetwork {
  const placed: Panel[] = [];
  const tips = new Map<number, Tip[]>();
  const width = Math.max(
    ...terms.map((t) => t.panel.width),
    ...prefixes.map((ps) => ps.reduce((s, p) => s + p.width, 0)),
  );
  let y = 0;
  terms.forEach((term, k) => {
    let x = 0;
    for (const p of prefixes[k]) {
      placed.push(translatePanel(p, x, y));
      x += p.width;
    }
    if (prefixes[k].length) y += Math.max(...prefixes[k].map((p) => p.height));
    const dx = (width - term.panel.width) / 2;
    placed.push(translatePanel(term.panel, dx, y));
    for (const [axis, ts] of term.tips) {
      const moved = ts.map((t) => ({
        ...t,
        x: round(t.side === "EAST" ? width : 0),
        y: round(t.y + y),
      }));
      tips.set(axis, [...(tips.get(axis) ?? []), ...moved]);
      for (const t of ts) {
        const from = [round(t.x + dx), round(t.y + y)] as const;
        const to = [round(t.side === "EAST" ? width : 0), from[1]] as const;
        if (from[0] !== to[0])
          placed.push({
            width: 0,
            height: 0,
            shapes: [],
            labels: [],
            wires: [{ role: "bond", points: [from, to] }],
          });
      }
    }
    y += term.panel.height;
  });
  const panel: Panel = {
    width: round(width),
    height: round(y),
    shapes: placed.flatMap((p) => p.shapes),
    wires: placed.flatMap((p) => p.wires),
    labels: placed.flatMap((p) => p.labels),
  };
  return { panel, tips };
}

/**
 * Lays out `net`: a figure's terms in rows with their signs, a box argument's in a column.
 *
 * @example const { panel } = await layoutNetwork(d.network, { ctx: { kind: "figure", expressionRank: 1, names: ["i", "j"] }, maxWidth: 900, cache: new Map() });
 */
export async function layoutNetwork(net: Network, settings: NetworkLayout): Promise<LaidNetwork> {
  if (net.terms.length === 0)
    return { panel: textPanel("0", "coefficient", fontSizes.sign), tips: new Map() };
  const laid: LaidNetwork[] = [];
  for (const term of net.terms) {
    if (term.graph.order === 0) laid.push({ panel: constantPanel(term), tips: new Map() });
    else laid.push(await layoutTerm(term, settings.ctx, await boxesOf(term, settings)));
  }
  const prefixes = net.terms.map((t, k) =>
    prefixPanels(
      t.graph.order === 0 ? { ...t, coeff: { value: Math.sign(t.coeff.value), dims: {} } } : t,
      k,
    ),
  );
  if (settings.ctx.kind === "inner") return column(laid, prefixes);
  const panel = rows(
    laid.map((l, k) => [...prefixes[k], l.panel]),
    settings.maxWidth,
  );
  return { panel, tips: new Map() };
}
