/**
 * Messages about a document for people, in the manner of compilers: `IN.md:7:9: error: …`, then
 * the document's line with a caret under the culprit. Columns in the heading count UTF-16 units
 * (as editors and unist do); the caret line counts code points and copies tabs, so it lines up
 * under `∘` or `ᵀ` in a terminal.
 */
import type { VFile } from "vfile";

/** A message of a vfile (vfile-message's class). */
export type VFileMessage = VFile["messages"][number];

/** Whether a message from the plugin is an error (a fence that could not be drawn). */
export function isError(message: VFileMessage): boolean {
  return message.fatal === true || message.ruleId === "bad-fence";
}

/**
 * `message` as text: heading, the culprit's line and a caret line (when it has a position).
 *
 * @example formatMessage("```diagrad\na + )\n```", message, "IN.md")
 * // "IN.md:2:5: error: expected an expression after '+', found ')'\n  2 | a + )\n    |     ^"
 */
export function formatMessage(document: string, message: VFileMessage, name: string): string {
  const severity = isError(message) ? "error" : "warning";
  const start = message.place && "start" in message.place ? message.place.start : message.place;
  const end = message.place && "end" in message.place ? message.place.end : undefined;
  if (!start?.line) return `${name}: ${severity}: ${message.reason}`;
  const column = start.column ?? 1;
  const heading = `${name}:${start.line}:${column}: ${severity}: ${message.reason}`;
  const line = document.split(/\r\n|\r|\n/)[start.line - 1] ?? "";
  const from = Math.min(column - 1, line.length);
  const to =
    end && end.line === start.line
      ? Math.min((end.column ?? column) - 1, line.length)
      : line.length;
  const indent = [...line.slice(0, from)].map((ch) => (ch === "\t" ? "\t" : " ")).join("");
  const carets = "^".repeat(Math.max(1, [...line.slice(from, to)].length));
  const gutter = " ".repeat(String(start.line).length);
  return `${heading}\n  ${start.line} | ${line}\n  ${gutter} | ${indent}${carets}`;
}
