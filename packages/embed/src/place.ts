/**
 * Where a fence's culprit is in the document. A fence's text has its container's indentation and
 * `>` markers taken off each line, so a range in the fence is mapped back through the document's
 * own line: its prefix is whatever precedes the fence's text there. Lines and columns are 1-based,
 * columns and offsets count UTF-16 units, as unist positions do.
 */
import type { Code } from "mdast";
import { type FenceRange, fenceLines } from "./fence.js";

/** A start and end point, 1-based lines and columns (unist's `Position`). */
export type Position = NonNullable<Code["position"]>;

/** The start offset of every line of `document` (lines end in LF, CRLF or a lone CR). */
function lineStarts(document: string): number[] {
  const starts = [0];
  for (const m of document.matchAll(/\r\n|\r|\n/g)) starts.push((m.index as number) + m[0].length);
  return starts;
}

/**
 * The document position of `range`, a range in the text of the fence `node`.
 *
 * @example placeInDocument("# T\n\n```diagrad\na + )\n```\n", fence, { line: 0, start: 4, end: 5 })
 * // { start: { line: 4, column: 5, offset: 20 }, end: { line: 4, column: 6, offset: 21 } }
 */
export function placeInDocument(document: string, node: Code, range: FenceRange): Position {
  const opening = node.position?.start ?? { line: 1, column: 1, offset: 0 };
  const contentLines = fenceLines(node.value);
  const starts = lineStarts(document);
  if (node.value === "" || range.line >= contentLines.length) {
    const end = { ...opening, column: opening.column + 3, offset: (opening.offset ?? 0) + 3 };
    return { start: opening, end };
  }
  const index = opening.line + range.line; // 0-based index of the document line
  const lineStart = starts[index] ?? 0;
  const docLine = document
    .slice(lineStart, starts[index + 1] ?? document.length)
    .replace(/(\r\n|\r|\n)$/, "");
  const content = contentLines[range.line];
  const prefix = docLine.endsWith(content) ? docLine.length - content.length : 0;
  const point = (column: number) => ({
    line: index + 1,
    column: prefix + column + 1,
    offset: lineStart + prefix + column,
  });
  return { start: point(range.start), end: point(Math.max(range.end, range.start)) };
}
