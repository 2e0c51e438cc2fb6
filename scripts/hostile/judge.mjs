/**
 * What a hostile case may end in, and the verdict on what it did. Allowed: a result (SVG and HTML
 * in it valid XML text), a `DiagradError` with a message (a syntax error with a span inside the
 * source text), a vfile message from the Markdown transform (it carries the place in the
 * document), or a CLI run that exits 0, 1 or 2 with no internal error and no stack trace and, when
 * it fails, says why on stderr. Anything else, and any call slower than the time limit, is a
 * failure, returned as one line.
 */

/** Whether `text` holds only XML 1.0 `Char`s (the spec's production, read code point by code point). */
export function isXmlText(text) {
  for (const ch of text) {
    const c = ch.codePointAt(0);
    const ok =
      c === 0x9 ||
      c === 0xa ||
      c === 0xd ||
      (c >= 0x20 && c <= 0xd7ff) ||
      (c >= 0xe000 && c <= 0xfffd) ||
      c >= 0x10000;
    if (!ok) return false;
  }
  return true;
}

const diagradErrors = new Set(["DiagradError", "ParseError", "ShapeError"]);

function isDiagradError(e) {
  return e instanceof Error && diagradErrors.has(e.name) && typeof e.kind === "string";
}

function isVFileMessage(e) {
  return (
    e instanceof Error && e.constructor?.name === "VFileMessage" && typeof e.reason === "string"
  );
}

/** The markup a renderer made inside `text`: every `<svg>…</svg>` and `<pre>…</pre>`. */
function markup(text) {
  return text.match(/<svg[\s\S]*?<\/svg>|<pre[\s\S]*?<\/pre>/g) ?? [];
}

function judgeError(error, input) {
  if (isVFileMessage(error)) return error.reason ? undefined : "a vfile message without a reason";
  if (!isDiagradError(error)) {
    const name = error?.constructor?.name ?? typeof error;
    return `${name}: ${String(error?.message ?? error).split("\n")[0]}`;
  }
  if (!error.message.trim()) return "a DiagradError without a message";
  const { span } = error;
  if (error.kind === "syntax" && typeof input === "string" && !span)
    return `a syntax error without a span: ${error.message}`;
  if (
    span &&
    typeof input === "string" &&
    !(span.start >= 0 && span.start <= span.end && span.end <= input.length)
  )
    return `a span [${span.start}, ${span.end}) outside the source (length ${input.length}): ${error.message}`;
  return undefined;
}

function judgeCli({ code, stdout, stderr }) {
  if (![0, 1, 2].includes(code)) return `exit ${code}: ${stderr.trim().split("\n")[0]}`;
  if (/internal error/.test(stderr)) return `internal error: ${stderr.trim().split("\n")[0]}`;
  if (/\n\s+at .+:\d+:\d+/.test(stderr)) return "a stack trace on stderr";
  if (code !== 0 && !stderr.trim()) return `exit ${code} with nothing on stderr`;
  if (typeof stdout === "string" && markup(stdout).some((m) => !isXmlText(m)))
    return "SVG on stdout that is not valid XML text";
  return undefined;
}

function judgeResult(kind, result) {
  if (kind === "render" && typeof result === "string" && !isXmlText(result))
    return "an SVG that is not valid XML text";
  if (kind === "markdown" && result) {
    if (markup(result.markdown).some((m) => !isXmlText(m)))
      return "figures or error boxes that are not valid XML text";
    if (result.images.some((i) => !isXmlText(i.svg))) return "an image that is not valid XML text";
  }
  return undefined;
}

/**
 * The failure of one case as a line, or undefined when it ended as it may; `ms` is the case's CPU
 * time.
 *
 * @example judge(c, await c.run(), 35, 2000) // undefined
 */
export function judge(hostile, outcome, ms, limitMs) {
  const verdict = outcome.cli
    ? judgeCli(outcome.cli)
    : "error" in outcome
      ? judgeError(outcome.error, hostile.input)
      : judgeResult(hostile.kind, outcome.result);
  // a wrong ending says more than its time (a stack overflow after 3 s is a stack overflow)
  if (verdict) return verdict;
  if (ms > limitMs) return `took ${Math.round(ms)} ms of CPU time (the limit is ${limitMs} ms)`;
  return undefined;
}
