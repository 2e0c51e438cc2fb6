/**
 * What a derivative may be taken by: a name of the language (`isIdentifier`, the lexer's own
 * rule) that is not bound in the program. A bound name is a shared subexpression, so the error
 * names the variables it is made of.
 */
import { isIdentifier } from "./lexer.js";
import type { Analysis } from "./shapes.js";
import { DiagradError } from "./span.js";

/**
 * Throw a usage error unless `name` is something to differentiate by in `analysis`.
 *
 * @example checkVariableName(analyze(parse("x * y")), "x") // fine
 * @example checkVariableName(analyze(parse("h = W @ x; h @ h")), "h")
 * // DiagradError: h is bound to W @ x, not a variable; differentiate by one of the variables it is made of: W, x
 */
export function checkVariableName(analysis: Analysis, name: unknown): void {
  if (typeof name !== "string" || !isIdentifier(name)) {
    throw new DiagradError("usage", `'${String(name)}' is not a variable name`);
  }
  const bound = analysis.bindings.get(name);
  if (bound === undefined) return;
  const { binding, variables } = bound;
  const source = analysis.program.source.slice(binding.value.span.start, binding.value.span.end);
  const made =
    variables.length === 0
      ? "; it is a constant"
      : `; differentiate by one of the variables it is made of: ${variables.join(", ")}`;
  throw new DiagradError(
    "usage",
    `${name} is bound to ${source}, not a variable${made}`,
    binding.nameSpan,
  );
}
