/**
 * Hints for characters the language does not have but MATLAB, LaTeX or plain maths do.
 *
 * The lexer refuses such a character; this file words the refusal so that it says what the user
 * most likely meant, judging by the text around it: `x^T` is a transpose (`x.T`), `A^-1` an
 * inverse (`inv(A)`), any other `^` a power (`**`); `.^`, `.*` and `./` are MATLAB's elementwise
 * operators (NumPy's are `**`, `*` and `/`); `||x||` and `‖x‖` are norms and `|x|` an absolute
 * value or a determinant.
 */

const AFTER_NAME = "(?![\\p{L}\\p{M}0-9_])";
const TRANSPOSE = new RegExp(`^\\s*(?:T${AFTER_NAME}|\\{\\s*T\\s*\\}|\\{?\\\\top\\}?)`, "u");
const INVERSE = /^\s*(?:-\s*1|\(\s*-\s*1\s*\)|\{\s*-\s*1\s*\})(?![0-9.])/;

const FIXED: Readonly<Record<string, string>> = {
  "×": "; use * for the elementwise product or @ for the matrix product",
  "·": "; use * for the elementwise product or @ for the matrix product",
};

/**
 * The hint appended to "unexpected character …" for the character at `i`, or "" when none fits.
 * `operand` is the source text of the operand just before it, when that is a name.
 *
 * @example characterHint("A^-1", 1, "A") // "; for the inverse write inv(A)"
 */
export function characterHint(source: string, i: number, operand: string | undefined): string {
  const ch = source[i];
  const after = source.slice(i + 1);
  const x = operand ?? "X";
  if (ch === "^") {
    if (TRANSPOSE.test(after)) return `; for the transpose write ${x}.T`;
    if (INVERSE.test(after)) return `; for the inverse write inv(${x})`;
    return "; use ** for powers";
  }
  if (ch === ".") {
    const next = source[i + 1];
    if (next === "^") return "; use ** for elementwise powers (MATLAB's .^ is NumPy's **)";
    if (next === "*") return "; * is already elementwise (MATLAB's .* is NumPy's *)";
    if (next === "/") return "; / is already elementwise (MATLAB's ./ is NumPy's /)";
    return "";
  }
  if (ch === "|" || ch === "‖") {
    const [open, close] =
      ch === "‖" ? ["‖", "‖"] : after.startsWith("|") ? ["||", "||"] : ["|", "|"];
    const start = i + open.length;
    const end = source.indexOf(close, start);
    const inner = (end < 0 ? "x" : source.slice(start, end).trim()) || "x";
    if (open === "|") {
      return `; write abs(${inner}) for an absolute value, or det(${inner}) for a determinant`;
    }
    return `; write norm(${inner}) for the norm`;
  }
  return FIXED[ch ?? ""] ?? "";
}
