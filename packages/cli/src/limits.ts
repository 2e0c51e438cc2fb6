/**
 * The CLI's side of the core's size limits: `--max-terms N` and `--max-nodes N` pass through to
 * every derivative, and on a terminal a long derivative says how far it has got, on one stderr
 * line that is rewritten in place and cleared when the command ends. Piped or redirected stderr
 * gets no progress lines, so scripts and tests see only what they saw before.
 */
import type { Limits, Progress } from "@diagrad/core";
import type { CommonOptions } from "./commands/types.js";

let shown = false;

function showProgress(p: Progress): void {
  shown = true;
  const soFar = p.stage === "differentiating" ? " so far" : "";
  process.stderr.write(`\r\x1b[K${p.stage}: order ${p.order} of ${p.of}, ${p.terms} terms${soFar}`);
}

/** Clears the progress line, if one was written. */
export function clearProgress(): void {
  if (shown) process.stderr.write("\r\x1b[K");
  shown = false;
}

/**
 * The limits for the core from the command's options, with progress on a terminal.
 *
 * @example derivative({ source, wrt, ...limitsOf(options) })
 */
export function limitsOf(options: CommonOptions): Limits {
  return {
    maxTerms: options.maxTerms,
    maxNodes: options.maxNodes,
    onProgress: process.stderr.isTTY ? showProgress : undefined,
  };
}
