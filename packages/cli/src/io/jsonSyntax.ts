/**
 * Where a JSON text first goes wrong. `JSON.parse` reports a position for some mistakes and not
 * for others ("Unexpected token 'x', … is not valid JSON"), so a values file with a stray comma
 * would get no line number. This is a small recursive-descent recognizer of the JSON grammar
 * (RFC 8259) that stops at the first offending character and says what it expected there.
 */

/** The first syntax error: its UTF-16 offset and what was expected there. */
export interface JsonSyntaxError {
  offset: number;
  message: string;
}

class Stop {
  constructor(readonly error: JsonSyntaxError) {}
}

const numberPattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * The first syntax error in `text`, or undefined when it is valid JSON.
 *
 * @example jsonSyntaxError('{"a": [1, 2,]}') // { offset: 12, message: "expected a value, found ']'" }
 */
export function jsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const found = () => {
    if (i >= text.length) return "the end of the file";
    return `'${String.fromCodePoint(text.codePointAt(i) as number)}'`;
  };
  const fail = (expected: string): never => {
    throw new Stop({ offset: i, message: `expected ${expected}, found ${found()}` });
  };
  const space = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  const literal = (word: string) => {
    if (!text.startsWith(word, i)) fail("a value");
    i += word.length;
  };
  const string = () => {
    i++; // the opening quote
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        i++;
        return;
      }
      if (c === "\\") {
        const e = text[i + 1];
        if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else fail("a valid escape after '\\'");
      } else if (c < " ") fail("'\"' to end the string");
      else i++;
    }
    fail("'\"' to end the string");
  };
  const sequence = (close: string, item: () => void) => {
    i++; // the opening bracket
    space();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      item();
      space();
      if (text[i] === ",") i++;
      else if (text[i] === close) {
        i++;
        return;
      } else fail(`',' or '${close}'`);
    }
  };
  const member = () => {
    space();
    if (text[i] !== '"') fail("a property name in double quotes");
    string();
    space();
    if (text[i] !== ":") fail("':' after the property name");
    i++;
    value();
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === "{") sequence("}", member);
    else if (c === "[") sequence("]", value);
    else if (c === '"') string();
    else if (c === "t") literal("true");
    else if (c === "f") literal("false");
    else if (c === "n") literal("null");
    else {
      numberPattern.lastIndex = i;
      const m = numberPattern.exec(text);
      if (!m) fail("a value");
      i += (m as RegExpExecArray)[0].length;
    }
  };
  try {
    value();
    space();
    if (i < text.length) fail("the end of the file after the value");
    return undefined;
  } catch (stop) {
    if (stop instanceof Stop) return stop.error;
    throw stop;
  }
}

/**
 * The 1-based line and column (in code points) of `offset` in `text`.
 *
 * @example lineColumn("{\n  x", 4) // { line: 2, column: 3 }
 */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length, column: [...before.slice(lineStart)].length + 1 };
}
