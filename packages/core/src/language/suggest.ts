/**
 * "Did you mean …?" for unknown function names.
 *
 * First a table of names other notations use for what the language spells differently (`trace`
 * is `tr`, `dot` is `@`, `transpose` is `.T`, MATLAB's `mtimes` is `@`); then a known function
 * near in spelling: at most 1 edit for names of up to 4 letters, 2 up to 8, 3 beyond, counting a
 * swap of two neighbours as one edit. So `tanhh` suggests `tanh`, while `foo` suggests nothing
 * (it is 2 edits from `log`, too far for 3 letters).
 */
import { FUNCTIONS, type FunctionName } from "./functions.js";

/** Names from NumPy, MATLAB and maths texts, with what to write instead. */
const ALIASES: ReadonlyMap<string, string> = new Map([
  ["trace", "did you mean 'tr'?"],
  ["dot", "use @ for the matrix product (x @ y for two vectors)"],
  ["matmul", "use @ for the matrix product"],
  ["mtimes", "use @ for the matrix product"],
  ["inner", "use @ for the inner product: x @ y"],
  ["vdot", "use @ for the inner product: x @ y"],
  ["multiply", "use * for the elementwise product"],
  ["times", "use * for the elementwise product"],
  ["hadamard", "use * for the elementwise product"],
  ["transpose", "write X.T for the transpose"],
  ["power", "use ** for elementwise powers, or matrix_power(A, k)"],
  ["pow", "use ** for elementwise powers, or matrix_power(A, k)"],
  ["mpower", "did you mean 'matrix_power'?"],
  ["square", "write x ** 2"],
  ["inverse", "did you mean 'inv'?"],
  ["pinv", "only the inverse is available: inv(A) of a square matrix"],
  ["determinant", "did you mean 'det'?"],
  ["slogdet", "did you mean 'logdet'?"],
  ["ln", "did you mean 'log'?"],
  ["expit", "did you mean 'sigmoid'?"],
  ["logistic", "did you mean 'sigmoid'?"],
  ["diagonal", "did you mean 'diag'?"],
  ["identity", "did you mean 'eye'?"],
  ["kronecker", "did you mean 'kron'?"],
  ["tensordot", "did you mean 'einsum'?"],
  ["frobenius", "did you mean 'norm'?"],
]);

/** The optimal string alignment distance: Levenshtein plus swaps of neighbouring letters. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => (d[i] as number[])[j] as number;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1);
      }
      (d[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** How many edits a name of this length may be away from a suggestion. */
const tolerance = (length: number) => (length <= 4 ? 1 : length <= 8 ? 2 : 3);

/**
 * The known function nearest in spelling to `name`, ignoring case, or undefined when none is near
 * enough (see the file comment); the first in table order wins a tie.
 *
 * @example suggestFunction("tanhh") // "tanh"; suggestFunction("foo") // undefined
 */
export function suggestFunction(name: string): FunctionName | undefined {
  const lower = name.toLowerCase();
  let best: { name: FunctionName; distance: number } | undefined;
  for (const f of FUNCTIONS) {
    const distance = editDistance(lower, f.name);
    const near = distance <= tolerance(Math.min(lower.length, f.name.length));
    if (near && distance < lower.length && (best === undefined || distance < best.distance)) {
      best = { name: f.name, distance };
    }
  }
  return best?.name;
}

/**
 * What to say after "unknown function 'name'": an alias's advice or the nearest name, prefixed
 * with "; ", or "" when nothing fits. NumPy prefixes are looked through (`np.dot` is `dot`).
 *
 * @example functionHint("trace") // "; did you mean 'tr'?"; functionHint("dot") // "; use @ for …"
 */
export function functionHint(name: string): string {
  const bare = name.replace(/^(?:np|numpy)\.(?:linalg\.)?/, "");
  const alias = ALIASES.get(bare.toLowerCase());
  if (alias !== undefined) return `; ${alias}`;
  const near = suggestFunction(bare);
  return near === undefined ? "" : `; did you mean '${near}'?`;
}
