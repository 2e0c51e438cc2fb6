/**
 * What a ```diagrad fence says: its first line is the expression (declarations may come first,
 * `A, B: [m, n]; W @ (A * B)`), each further non-blank line one option, `key: value`. Problems are
 * `FenceError`s located in the fence's own text (line 0 is the expression's), so the plugin can
 * map them to the document; `locate` turns a span of the expression into such a location. Lines
 * end in LF, CRLF or a lone CR (as CommonMark has it): all three are one line break here.
 */
import { type DiagramSettings, defaultSettings, parseSetting, SettingError } from "./settings.js";

/** A range on one line of a fence's text: 0-based line, UTF-16 columns `[start, end)`. */
export interface FenceRange {
  line: number;
  start: number;
  end: number;
}

/** A fence that cannot be drawn, with where in the fence the culprit is. */
export class FenceError extends Error {
  constructor(
    message: string,
    readonly range: FenceRange,
  ) {
    super(message);
    this.name = "FenceError";
  }
}

/** A fence read: the expression's source, the settings and where each option's value sits. */
export interface Fence {
  source: string;
  settings: DiagramSettings;
  /** The range of each option's value, by option name (for errors found later, like a bad `wrt`). */
  values: Readonly<Record<string, FenceRange>>;
}

/**
 * The lines of a fence's text, split at LF, CRLF or a lone CR.
 *
 * @example fenceLines("x * y\rwrt: x") // ["x * y", "wrt: x"]
 */
export function fenceLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/**
 * Reads the text of a fence; options not in it keep their `defaults`.
 *
 * @example readFence("x * y * z\nwrt: x").settings.wrt // "x"
 */
export function readFence(text: string, defaults: DiagramSettings = defaultSettings): Fence {
  const lines = fenceLines(text);
  const source = lines[0];
  if (source.trim() === "") {
    const empty = lines.every((l) => l.trim() === "");
    const what = empty ? "the fence is empty" : "the fence's first line is blank";
    throw new FenceError(`${what}: its first line is the expression, like 'x * y * z'`, {
      line: 0,
      start: 0,
      end: 0,
    });
  }
  let settings = { ...defaults };
  const values: Record<string, FenceRange> = {};
  lines.slice(1).forEach((line, k) => {
    if (line.trim() === "") return;
    const option = /^(\s*)([\w-]+)\s*:\s?/.exec(line);
    const at = (start: number, end: number): FenceRange => ({ line: k + 1, start, end });
    if (!option) {
      const indent = line.length - line.trimStart().length;
      throw new FenceError(
        "expected an option line like 'wrt: x' (the expression is the fence's first line)",
        at(indent, line.trimEnd().length),
      );
    }
    const key = option[2];
    const valueStart = option[0].length;
    const keyStart = option[1].length;
    if (key in values && key !== "shape")
      throw new FenceError(`option '${key}' is given twice`, at(keyStart, keyStart + key.length));
    try {
      settings = parseSetting(settings, key, line.slice(valueStart));
    } catch (error) {
      if (!(error instanceof SettingError)) throw error;
      const unknown = error.start === error.end;
      const range = unknown
        ? at(keyStart, keyStart + key.length)
        : at(valueStart + error.start, valueStart + error.end);
      throw new FenceError(error.message, range);
    }
    values[key] = at(valueStart, line.trimEnd().length);
  });
  return { source, settings, values };
}

/**
 * The fence range of a span of the expression (offsets into its first line), clipped to it.
 *
 * @example locate("a + )", { start: 4, end: 5 }) // { line: 0, start: 4, end: 5 }
 */
export function locate(
  source: string,
  span: { start: number; end: number } | undefined,
): FenceRange {
  if (!span) return { line: 0, start: 0, end: source.trimEnd().length };
  const start = Math.min(Math.max(span.start, 0), source.length);
  return { line: 0, start, end: Math.min(Math.max(span.end, start), source.length) };
}
