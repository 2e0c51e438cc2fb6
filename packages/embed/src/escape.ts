/**
 * Text made safe for HTML: the five characters that could start markup or end an attribute value
 * become entities, and the characters XML cannot hold at all (control characters, U+FFFE/FFFF,
 * unpaired surrogates) become U+FFFD, so the page stays valid XHTML too. Used for the error boxes
 * the plugin writes into documents; it has no Node imports, so the browser bundle may use it too.
 */
import { xmlSafe } from "@diagrad/render/browser";

const entities: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * `text` with `& < > " '` escaped and characters XML cannot hold replaced by U+FFFD.
 *
 * @example escapeHtml(`<img src=x onerror="alert(1)">`) // "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"
 */
export function escapeHtml(text: string): string {
  return xmlSafe(text).replace(/[&<>"']/g, (ch) => entities[ch]);
}
