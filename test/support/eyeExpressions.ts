/**
 * Seeded random expressions that mix `eye(3)` with every elementwise and tensor function, for the
 * campaign in eye-campaign.test.ts.
 *
 * A constant part is built from eye(3) and numbers only, so simplification folds it; it may leave
 * the functions' domains on purpose (`log(eye(3))`, `(2 * eye(3)) ** -0.5`). The variable parts
 * use W: [3, 3] and s: [] and stay in the domains, except for powers and logs of products with
 * constants (`(W * eye(3)) ** -1`, 0 off the diagonal). Every part is recorded, so a test can tell
 * a justified refusal (some part is infinite or NaN in NumPy's sense) from a wrong one.
 *
 * @example eyeExpression(random(1)) // { source: "norm(W * cos(eye(3)))", parts: ["eye(3)", "cos(eye(3))", …] }
 */

export type Random = () => number;

export interface EyeExpression {
  source: string;
  /** Every subexpression, innermost first. */
  parts: string[];
}

/** The elementwise functions of the language (`**` is the elementwise power). */
export const elementwiseNames = [
  "exp",
  "log",
  "sqrt",
  "tanh",
  "sigmoid",
  "sin",
  "cos",
  "abs",
  "relu",
  "softplus",
] as const;

/** Elementwise functions defined (and smooth enough) everywhere, for variable parts. */
const total = ["exp", "tanh", "sigmoid", "sin", "cos", "abs", "relu", "softplus"] as const;
const powers = ["2", "3", "0.5", "-1", "-0.5", "0", "-2"] as const;
const factors = ["2", "-1", "0.5", "-3"] as const;

const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

function constant(r: Random, depth: number, out: string[]): string {
  const c = () => constant(r, depth - 1, out);
  let e: string;
  if (depth <= 0 || r() < 0.25) {
    e = pick(r, [
      "eye(3)",
      `(${pick(r, factors)} * eye(3))`,
      `(eye(3) + ${pick(r, factors)})`,
      "eye(3).T",
      'einsum("ij,jk->ik", eye(3), eye(3))',
      "inv(eye(3))",
      "inv(2 * eye(3))",
    ]);
  } else {
    const k = Math.floor(r() * 12);
    if (k < 4) e = `${pick(r, elementwiseNames)}(${c()})`;
    else if (k < 6) e = `(${c()}) ** ${pick(r, powers)}`;
    else if (k === 6) e = `(${c()} @ ${c()})`;
    else if (k === 7) e = `(${c()} * ${c()})`;
    else if (k === 8) e = `(${c()} + ${c()})`;
    else if (k === 9) e = `softmax(${c()})`;
    else if (k === 10) e = `inv(4 * eye(3) + tanh(${c()}))`;
    else e = `(${pick(r, ["norm", "det", "sum", "tr"])}(${c()}) * ${c()})`;
  }
  out.push(e);
  return e;
}

function matrix(r: Random, depth: number, out: string[]): string {
  const m = () => matrix(r, depth - 1, out);
  const c = () => constant(r, depth - 1, out);
  const e = variable(r, depth, m, c);
  out.push(e);
  return e;
}

function variable(r: Random, depth: number, m: () => string, c: () => string): string {
  if (depth <= 0 || r() < 0.2) return pick(r, ["W", "W.T", "W", "(s * W)"]);
  switch (Math.floor(r() * 18)) {
    case 16:
      return `(${m()} * ${c()}) ** ${pick(r, ["-1", "-0.5", "-2"])}`;
    case 17:
      return `log(abs(${m()}) * ${c()})`;
    case 0:
    case 1:
      return `${pick(r, total)}(${m()})`;
    case 2:
      return `log(1 + ${m()} ** 2)`;
    case 3:
      return `sqrt(1 + ${m()} ** 2)`;
    case 4:
      return `(${m()}) ** ${pick(r, ["2", "3"])}`;
    case 5:
      return `(2 + ${m()} ** 2) ** -0.5`;
    case 6:
      return `(${m()} * ${c()})`;
    case 7:
      return `(${m()} / exp(${c()}))`;
    case 8:
      return `(${m()} + ${c()})`;
    case 9:
      return `(${c()} @ ${m()})`;
    case 10:
      return `(${m()} @ ${m()})`;
    case 11:
      return `(${m()} + ${m()})`;
    case 12:
      return `softmax(${m()})`;
    case 13:
      return `inv(4 * eye(3) + tanh(${m()}))`;
    case 14:
      return `(${m()} * ${m()})`;
    default:
      return `${pick(r, total)}(${m()} * ${c()})`;
  }
}

/** One expression of W and s with eye(3) parts; its value is a matrix, a vector or a scalar. */
export function eyeExpression(r: Random): EyeExpression {
  const parts: string[] = [];
  const m = matrix(r, 3, parts);
  const source = pick(r, [
    m,
    m,
    `det(${m})`,
    `logdet(4 * eye(3) + tanh(${m}))`,
    `norm(${m})`,
    `logsumexp(${m})`,
    `sum(${m}, 0)`,
    `tr(${m})`,
    `s + norm(${constant(r, 2, parts)}) * sum(${m})`,
  ]);
  return { source, parts };
}
