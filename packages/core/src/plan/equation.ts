/**
 * Einsum equations as text: `"ij,jk->ik"`. Every code point other than `,`, `-`, `>` and space is
 * a label, so any alphabet works (`"αβ,βγ->αγ"`, emoji too); `->` introduces the output, and without
 * it the output is NumPy's implicit one: the labels that occur exactly once, in code point order.
 * A label may repeat within an operand (a diagonal or trace) and in the output (a diagonal result);
 * an output label must occur in some operand, as in NumPy. Malformed text is a `DiagradError` of
 * kind "syntax" (bad input, like a bad expression) whose span (UTF-16 offsets) marks the culprit.
 */
import { DiagradError } from "../language/span.js";

/** A parsed equation: each operand's labels, the output's, and every label with its first span. */
export interface Equation {
  inputs: string[][];
  output: string[];
  /** Distinct labels in order of first occurrence, with where each first occurs. */
  labels: Map<string, { start: number; end: number }>;
}

/**
 * Parses an einsum equation.
 *
 * @example parseEquation("ij,jk->ik").inputs // [["i", "j"], ["j", "k"]]
 * @example parseEquation("ij,jk").output // ["i", "k"]: implicit, the labels used once
 * @example parseEquation("αβ,βγ->αγ").output // ["α", "γ"]
 */
export function parseEquation(equation: string): Equation {
  const arrow = equation.indexOf("->");
  if (arrow >= 0 && equation.indexOf("->", arrow + 2) >= 0) {
    const at = equation.indexOf("->", arrow + 2);
    throw usage(`einsum: more than one '->' in "${equation}"`, at, at + 2);
  }
  const left = arrow >= 0 ? equation.slice(0, arrow) : equation;
  const labels = new Map<string, { start: number; end: number }>();
  const inputs: string[][] = [[]];
  const counts = new Map<string, number>();
  scan(left, 0, (ch, start, end) => {
    if (ch === ",") {
      inputs.push([]);
      return;
    }
    if (!labels.has(ch)) labels.set(ch, { start, end });
    counts.set(ch, (counts.get(ch) ?? 0) + 1);
    inputs[inputs.length - 1].push(ch);
  });
  if (left.trim() === "") throw usage(`einsum: the equation "${equation}" has no operands`, 0, 0);
  let output: string[] = [];
  if (arrow >= 0) {
    scan(equation.slice(arrow + 2), arrow + 2, (ch, start, end) => {
      if (ch === ",") throw usage("einsum: the output is one operand, without ','", start, end);
      if (!labels.has(ch)) {
        throw usage(`einsum: output label '${ch}' is not in any operand`, start, end);
      }
      output.push(ch);
    });
  } else {
    output = [...counts].filter(([, n]) => n === 1).map(([ch]) => ch);
    output.sort((a, b) => (a.codePointAt(0) as number) - (b.codePointAt(0) as number));
  }
  return { inputs, output, labels };
}

/** Calls `visit` for each code point of `text` but spaces; rejects a stray '-', '>' or '.'. */
function scan(
  text: string,
  offset: number,
  visit: (ch: string, start: number, end: number) => void,
): void {
  let at = offset;
  for (const ch of text) {
    const end = at + ch.length;
    if (ch === "-" || ch === ">") {
      throw usage(`einsum: '${ch}' outside '->'`, at, end);
    }
    if (ch === ".") throw usage("einsum: ellipsis ('...') is not supported", at, end);
    if (ch !== " ") visit(ch, at, end);
    at = end;
  }
}

function usage(message: string, start: number, end: number): DiagradError {
  return new DiagradError("syntax", message, { start, end });
}
