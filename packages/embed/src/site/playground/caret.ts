/**
 * The caret under the expression's input: a row of `^` placed right under the characters an
 * error's span covers, measured in the input's own font (a canvas measures the text before the
 * culprit) and following the input's horizontal scroll. The message goes in the error box below.
 */

let canvas: HTMLCanvasElement | undefined;

/** The width of `text` in `input`'s font, in CSS px. */
function textWidth(input: HTMLInputElement, text: string): number {
  canvas ??= document.createElement("canvas");
  const context = canvas.getContext("2d");
  if (!context) return text.length * 8;
  const style = getComputedStyle(input);
  context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  return context.measureText(text).width;
}

/**
 * Puts `caret` (absolutely positioned in `input`'s offset parent) under the characters
 * `span` covers in `input`'s value; with no span, hides it.
 *
 * @example placeCaret(expr, document.querySelector("#caret"), { start: 4, end: 5 })
 */
export function placeCaret(
  input: HTMLInputElement,
  caret: HTMLElement,
  span: { start: number; end: number } | undefined,
): void {
  if (!span) {
    caret.hidden = true;
    caret.textContent = "";
    return;
  }
  const value = input.value;
  const start = Math.min(Math.max(span.start, 0), value.length);
  const end = Math.min(Math.max(span.end, start + 1), value.length + 1);
  const style = getComputedStyle(input);
  const inset = Number.parseFloat(style.paddingLeft) + Number.parseFloat(style.borderLeftWidth);
  const before = textWidth(input, value.slice(0, start));
  const under = Math.max(textWidth(input, value.slice(start, end) || " "), 6);
  const left = input.offsetLeft + inset + before - input.scrollLeft;
  caret.hidden = false;
  caret.textContent = "^".repeat(Math.max(1, [...value.slice(start, end)].length));
  caret.style.left = `${Math.round(left)}px`;
  caret.style.top = `${input.offsetTop + input.offsetHeight}px`;
  caret.style.width = `${Math.round(under)}px`;
  caret.dataset.start = String(start);
  caret.dataset.end = String(end);
}
