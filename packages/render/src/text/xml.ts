/**
 * Text made valid XML: XML 1.0 forbids the control characters U+0000–U+001F (but tab, newline
 * and carriage return), U+FFFE, U+FFFF and unpaired surrogates, and no escape brings them back
 * (`&#0;` is as invalid as the character). Each becomes U+FFFD, the replacement character, so a
 * title with a stray NUL still gives an SVG every parser reads. Escaping of `& < > " '` is a
 * separate step (the DOM's, or `escapeHtml` in the embed package).
 */

const invalid =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `text` with every character XML cannot hold replaced by U+FFFD.
 *
 * @example xmlSafe("a\u0000b") // "a\uFFFDb"
 */
export function xmlSafe(text: string): string {
  return String(text).replace(invalid, "\uFFFD");
}
