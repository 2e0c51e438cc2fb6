/**
 * The settings of one diagram, as a ```diagrad fence's option lines (`wrt: A`, `order: 2`) and the
 * attributes of `<tensor-diagram>` (`wrt="A" order="2"`) spell them: one schema drives both, so a
 * value means the same in a document and on a page. Each setting is parsed from its text by one
 * entry of `parsers`; a bad value is a `SettingError` whose offsets point into that text. This
 * file has no Node imports: the browser bundle uses it too.
 */
import { MAX_ORDER } from "@diagrad/core";

/** How to show the derivation of a derivative: not at all, as a list of rules, or drawn step by step. */
export type StepsMode = "none" | "list" | "diagrams";

/** Everything a diagram takes besides its expression. */
export interface DiagramSettings {
  /** Draw the derivative with respect to this variable (else the expression itself). */
  wrt?: string;
  order: number;
  theme: "light" | "dark";
  /** Declared shapes, as `Problem.shapes` takes them: `{ A: ["m", "n"] }`. */
  shapes?: Record<string, (number | string)[]>;
  steps: StepsMode;
}

/** The settings when nothing is given. */
export const defaultSettings: Readonly<DiagramSettings> = {
  order: 1,
  theme: "light",
  steps: "none",
};

/** A setting whose value does not parse; `start`/`end` are offsets into the value's text. */
export class SettingError extends Error {
  constructor(
    readonly setting: string,
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
    this.name = "SettingError";
  }
}

const name = /^[\p{L}_][\p{L}\p{N}_]*$/u;

type Parser = (text: string, settings: DiagramSettings) => DiagramSettings;

function whole(setting: string, text: string, message: string): SettingError {
  const start = text.length - text.trimStart().length;
  return new SettingError(setting, message, start, Math.max(start + 1, text.trimEnd().length));
}

/** `A=m,n; B=3,4; s=`: one declaration per `;`, dimensions separated by commas. */
function parseShapes(text: string, settings: DiagramSettings): DiagramSettings {
  const shapes = { ...settings.shapes };
  let at = 0;
  for (const part of text.split(";")) {
    const start = at + (part.length - part.trimStart().length);
    const end = at + part.trimEnd().length;
    at += part.length + 1;
    if (part.trim() === "") continue;
    const fail = (message: string) => new SettingError("shape", message, start, end);
    const [variable, dims, extra] = part.split("=").map((s) => s.trim());
    if (dims === undefined || extra !== undefined || !name.test(variable)) {
      throw fail("expected NAME=DIMS, like A=m,n or A=3,4 (s= for a scalar); ';' between shapes");
    }
    if (variable in shapes) throw fail(`the shape of ${variable} is given twice`);
    const list = dims.replace(/^\[(.*)\]$/, "$1").trim();
    shapes[variable] = (list === "" ? [] : list.split(",")).map((d) => {
      const dim = d.trim();
      if (/^\d+$/.test(dim) && Number(dim) > 0) return Number(dim);
      if (name.test(dim)) return dim;
      throw fail(`'${dim}' is not a dimension: a positive integer or a symbol`);
    });
  }
  return { ...settings, shapes };
}

/** One parser per setting name. */
export const parsers: Readonly<Record<string, Parser>> = {
  wrt: (text, settings) => {
    if (!name.test(text.trim()))
      throw whole("wrt", text, `'${text.trim()}' is not a variable name`);
    return { ...settings, wrt: text.trim() };
  },
  order: (text, settings) => {
    if (!/^\s*[1-9]\d*\s*$/.test(text)) {
      throw whole("order", text, "the order must be a positive integer, like 1 or 2");
    }
    if (Number(text) > MAX_ORDER) {
      throw whole("order", text, `the order must be at most ${MAX_ORDER}, got ${text.trim()}`);
    }
    return { ...settings, order: Number(text) };
  },
  theme: (text, settings) => {
    const theme = text.trim();
    if (theme !== "light" && theme !== "dark") {
      throw whole("theme", text, `unknown theme '${theme}': use light or dark`);
    }
    return { ...settings, theme };
  },
  shape: parseShapes,
  steps: (text, settings) => {
    const value = text.trim();
    const steps = (
      {
        yes: "list",
        true: "list",
        list: "list",
        diagrams: "diagrams",
        no: "none",
        none: "none",
        false: "none",
      } as const
    )[value];
    if (!steps) throw whole("steps", text, `unknown steps '${value}': use list, diagrams or none`);
    return { ...settings, steps };
  },
};

/** The setting names, sorted, for messages. */
export const settingNames: readonly string[] = Object.keys(parsers).sort();

/**
 * `settings` with one more setting read from its text.
 *
 * @example parseSetting(defaultSettings, "order", "2").order // 2
 * @example parseSetting(defaultSettings, "shape", "A=m,n; x=n").shapes // { A: ["m", "n"], x: ["n"] }
 */
export function parseSetting(
  settings: DiagramSettings,
  key: string,
  text: string,
): DiagramSettings {
  const parser = Object.hasOwn(parsers, key) ? parsers[key] : undefined;
  if (!parser) {
    throw new SettingError(
      key,
      `unknown option '${key}' (options: ${settingNames.join(", ")})`,
      0,
      0,
    );
  }
  return parser(text, settings);
}
