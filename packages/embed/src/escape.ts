/**
 * Text made safe for HTML: the five characters that could start markup or end an attribute value
 * become entities. Used for the error boxes the plugin writes into documents; it has no Node
 * imports, so the browser bundle may use it too.
 */

const entities: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * `text` with `& < > " '` escaped.
 *
 * @example escapeHtml(`<img src=x onerror="alert(1)">`) // "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => entities[ch]);
}
