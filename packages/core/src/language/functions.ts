/**
 * The table of built-in functions: name, number of arguments, which arguments are dimensions,
 * a signature and a one-line description. Shape inference, the CLI's help and error messages all
 * read it; the shape rule of each function lives in `calls.ts`, keyed by the same names so that a
 * function without a rule is a compile error.
 */

/** The name of a built-in function, e.g. `"logsumexp"`. */
export type FunctionName =
  | "exp"
  | "log"
  | "sqrt"
  | "tanh"
  | "sigmoid"
  | "sin"
  | "cos"
  | "abs"
  | "relu"
  | "softplus"
  | "sign"
  | "step"
  | "sum"
  | "mean"
  | "tr"
  | "det"
  | "logdet"
  | "inv"
  | "diag"
  | "outer"
  | "kron"
  | "vec"
  | "unvec"
  | "norm"
  | "softmax"
  | "logsumexp"
  | "einsum"
  | "eye"
  | "ones"
  | "matrix_power";

/**
 * What the help text and the checker know about a function.
 *
 * @example lookupFunction("unvec") // { minArgs: 3, maxArgs: 3, dimensionArgs: [1, 2], … }
 */
export interface FunctionInfo {
  name: FunctionName;
  minArgs: number;
  /** `Infinity` for `einsum`. */
  maxArgs: number;
  /** Positions of arguments that are dimensions (an integer or a dimension symbol), not tensors. */
  dimensionArgs: readonly number[];
  signature: string;
  description: string;
}

type Entry = [min: number, max: number, signature: string, description: string, dims?: number[]];

const elementwise = (name: string, what: string): Entry => [
  1,
  1,
  `${name}(X)`,
  `elementwise ${what}`,
];

const TABLE: Record<FunctionName, Entry> = {
  exp: elementwise("exp", "exponential"),
  log: elementwise("log", "natural logarithm"),
  sqrt: elementwise("sqrt", "square root"),
  tanh: elementwise("tanh", "hyperbolic tangent"),
  sigmoid: elementwise("sigmoid", "logistic sigmoid 1 / (1 + exp(-x))"),
  sin: elementwise("sin", "sine"),
  cos: elementwise("cos", "cosine"),
  abs: elementwise("abs", "absolute value"),
  relu: elementwise("relu", "max(x, 0)"),
  softplus: elementwise("softplus", "log(1 + exp(x))"),
  sign: elementwise("sign", "sign: −1, 0 or 1"),
  step: elementwise("step", "Heaviside step: 1 where x > 0, else 0 (the derivative of relu)"),
  sum: [1, 2, "sum(X) / sum(X, axis)", "sum of all entries → scalar, or along one axis"],
  mean: [1, 1, "mean(X)", "mean of all entries → scalar"],
  tr: [1, 1, "tr(X)", "trace of a square matrix"],
  det: [1, 1, "det(X)", "determinant of a square matrix"],
  logdet: [1, 1, "logdet(X)", "log of the absolute determinant of a square matrix"],
  inv: [1, 1, "inv(X)", "inverse of a square matrix"],
  diag: [1, 1, "diag(x)", "vector → diagonal matrix; square matrix → its diagonal"],
  outer: [2, 2, "outer(x, y)", "outer product x yᵀ of two vectors"],
  kron: [2, 2, "kron(A, B)", "Kronecker product (NumPy's block layout); also A ⊗ B"],
  vec: [1, 1, "vec(X)", "stack the columns into one vector (Fortran order)"],
  unvec: [3, 3, "unvec(x, rows, cols)", "inverse of vec: a rows × cols matrix", [1, 2]],
  norm: [
    1,
    2,
    "norm(X) / norm(X, 'fro')",
    "2-norm of a vector, Frobenius norm of a matrix ('fro' as in NumPy)",
  ],
  softmax: [1, 1, "softmax(X)", "softmax along the last axis"],
  logsumexp: [1, 1, "logsumexp(X)", "log of the sum of exponentials along the last axis"],
  einsum: [2, Infinity, 'einsum("ij,jk->ik", A, B)', "Einstein summation, as NumPy's einsum"],
  eye: [1, 1, "eye(n)", "n × n identity matrix; n an integer or a dimension symbol", [0]],
  ones: [1, 1, "ones(n)", "the ones vector 𝟏 of length n; n an integer or a dimension symbol", [0]],
  matrix_power: [
    2,
    2,
    "matrix_power(A, k)",
    "A @ A @ … @ A (k factors; eye(n) for k = 0), k an integer literal ≥ 0",
  ],
};

/**
 * Every built-in function, in the order of the language reference.
 *
 * @example FUNCTIONS.find((f) => f.name === "sum")?.maxArgs // 2
 */
export const FUNCTIONS: readonly FunctionInfo[] = Object.entries(TABLE).map(
  ([name, [minArgs, maxArgs, signature, description, dims]]) => ({
    name: name as FunctionName,
    minArgs,
    maxArgs,
    dimensionArgs: dims ?? [],
    signature,
    description,
  }),
);

const BY_NAME = new Map(FUNCTIONS.map((f) => [f.name as string, f]));

/**
 * The built-in function with this name, if there is one.
 *
 * @example lookupFunction("tr")?.signature // "tr(X)"
 */
export function lookupFunction(name: string): FunctionInfo | undefined {
  return BY_NAME.get(name);
}

/**
 * The wording of an arity error.
 *
 * @example arityMessage(lookupFunction("sum")!, 3) // "sum takes 1 or 2 arguments, got 3"
 */
export function arityMessage(info: FunctionInfo, got: number): string {
  const { name, minArgs: min, maxArgs: max } = info;
  const count =
    max === Infinity
      ? `at least ${min}`
      : min === max
        ? `${min}`
        : max === min + 1
          ? `${min} or ${max}`
          : `${min} to ${max}`;
  const noun = min === 1 && max === 1 ? "argument" : "arguments";
  return `${name} takes ${count} ${noun}, got ${got}`;
}

/** NumPy's names for the language's functions, after `np.` / `numpy.` and after `np.linalg.`. */
const NUMPY: ReadonlyMap<string, FunctionName> = new Map([
  ...(
    [
      "exp",
      "log",
      "sqrt",
      "tanh",
      "sin",
      "cos",
      "abs",
      "sum",
      "mean",
      "diag",
      "outer",
      "kron",
      "einsum",
      "eye",
    ] as const
  ).map((name) => [name, name] as const),
  ["absolute", "abs"],
  ["trace", "tr"],
  ["identity", "eye"],
]);
const NUMPY_LINALG: ReadonlyMap<string, FunctionName> = new Map([
  ["inv", "inv"],
  ["det", "det"],
  ["norm", "norm"],
  ["matrix_power", "matrix_power"],
]);

/**
 * The language's function for a NumPy spelling (`np.`, `numpy.`, `np.linalg.`, `numpy.linalg.`),
 * or undefined when the name has no such prefix or NumPy has no such function here.
 *
 * @example numpyFunction("np.trace") // "tr"; numpyFunction("np.linalg.inv") // "inv"
 */
export function numpyFunction(written: string): FunctionName | undefined {
  const match = /^(?:np|numpy)\.(linalg\.)?([^.]+)$/.exec(written);
  if (match === null) return undefined;
  const [, linalg, name] = match as unknown as [string, string | undefined, string];
  return (linalg ? NUMPY_LINALG : NUMPY).get(name);
}
