/**
 * The library in four calls: `prepare` (text → checked network), `derivative`, `evaluate` and
 * `checkDerivative`. The CLI and the tests use only these.
 *
 * @example
 * const d = derivative({ source: "x * y * z", wrt: "x" });
 * evaluate(d, { x: [1, 2], y: [3, 4], z: [5, 6] }); // Diag(y ∘ z)
 */
import { buildNetwork } from "./build/build.js";
import { differentiate } from "./calculus/differentiate.js";
import { fromNested } from "./evaluate/nested.js";
import { evaluateNetwork } from "./evaluate/network.js";
import type { Tensor } from "./evaluate/tensor.js";
import type { Analysis } from "./language/index.js";
import { analyze, checkVariableName, parse } from "./language/index.js";
import { DiagradError } from "./language/span.js";
import { Budget, type Limits } from "./limits.js";
import type { Network, Shape } from "./network/types.js";
import { simplify } from "./simplify/simplify.js";
import { checkDerivativeArgs, checkProblem, checkTensor, describe } from "./validate.js";

/** Values by variable name: numbers, nested arrays (as in a JSON values file) or Tensors. */
export type Values = Readonly<Record<string, unknown>>;

/** An expression with its shapes and values; `maxTerms`, `maxNodes` bound the work (limits.ts). */
export interface Problem extends Limits {
  source: string;
  /** Declared shapes, like `--shape A=m,n`: `{ A: ["m", "n"] }`. */
  shapes?: Readonly<Record<string, readonly (number | string)[]>>;
  /** Concrete values; their shapes win over declarations. */
  values?: Values;
}

export interface Prepared {
  problem: Problem;
  analysis: Analysis;
  network: Network;
  /** Every variable of the expression with its shape, in order of first appearance. */
  variables: ReadonlyMap<string, Shape>;
  tensors: ReadonlyMap<string, Tensor>;
}

export interface Derivative extends Prepared {
  wrt: string;
  order: number;
  /** The variable's shape; the derivative's shape is `[...expression, ...wrtShape × order]`. */
  wrtShape: Shape;
  /** The expression's own network (`network` is the derivative's). */
  expression: Network;
  /** False when `wrt` does not occur: the derivative is then zero. */
  occurs: boolean;
}

function isTensor(v: unknown): v is Tensor {
  return (
    typeof v === "object" && v !== null && "data" in v && (v as Tensor).data instanceof Float64Array
  );
}

/** Values as Tensors (nested arrays are checked and converted; Tensors are checked). */
export function toTensors(values: Values | undefined): Map<string, Tensor> {
  if (
    values !== undefined &&
    (typeof values !== "object" || values === null || Array.isArray(values))
  )
    throw new DiagradError(
      "usage",
      `values must be an object mapping names to values, got ${describe(values)}`,
    );
  const out = new Map<string, Tensor>();
  for (const [name, v] of Object.entries(values ?? {})) {
    if (isTensor(v)) checkTensor(name, v);
    out.set(name, isTensor(v) ? { shape: [...v.shape], data: v.data } : fromNested(v, name));
  }
  return out;
}

/**
 * Parses, checks shapes and builds the network of `problem.source`, simplified unless
 * `{ simplify: false }` (the network as built: exact, for evaluating a formula once).
 */
export function prepare(problem: Problem, options: { simplify?: boolean } = {}): Prepared {
  checkProblem(problem);
  const program = parse(problem.source);
  const tensors = toTensors(problem.values);
  const analysis = analyze(program, {
    shapes: problem.shapes as Record<string, (number | string)[]> | undefined,
    values: Object.fromEntries([...tensors].map(([k, t]) => [k, t.shape])),
  });
  const built = buildNetwork(analysis);
  new Budget(problem).network(built);
  return {
    problem,
    analysis,
    network: options.simplify === false ? built : simplify(built),
    variables: analysis.variables,
    tensors,
  };
}

/** The shape of `name`, also when it does not occur in the expression. */
function variableShape(p: Prepared, name: string): Shape {
  const declared = p.analysis.program.declarations.find((d) =>
    d.names.some((n) => n.name === name),
  );
  const shapes = p.problem.shapes;
  const known =
    p.variables.get(name) ??
    p.tensors.get(name)?.shape ??
    (shapes && Object.hasOwn(shapes, name) ? shapes[name] : undefined) ??
    declared?.dims;
  if (known) return known;
  return /^\p{Lu}/u.test(name) ? [`${name}.rows`, `${name}.cols`] : [`${name}.len`];
}

/**
 * ∂^order expression / ∂wrt^order, simplified after every step. The order is at most 64, and the
 * work is bounded by `maxTerms` and `maxNodes` (limits.ts); `onProgress` hears how far it got.
 */
export function derivative(problem: Problem & { wrt: string; order?: number }): Derivative {
  checkProblem(problem);
  const order = problem.order ?? 1;
  checkDerivativeArgs(problem.wrt, order);
  const prepared = prepare(problem);
  checkVariableName(prepared.analysis, problem.wrt);
  const wrtShape = variableShape(prepared, problem.wrt);
  const budget = new Budget(problem, order);
  let network = prepared.network;
  for (let k = 1; k <= order; k++) {
    budget.start(k);
    const raw = differentiate(network, problem.wrt, wrtShape, undefined, budget);
    budget.simplifying();
    network = simplify(raw);
  }
  return {
    ...prepared,
    wrt: problem.wrt,
    order,
    wrtShape,
    expression: prepared.network,
    network,
    occurs: prepared.variables.has(problem.wrt),
  };
}

/** Sizes of the dimension symbols, read off the values' shapes; a mismatch is a DiagradError. */
function bindSizes(variables: ReadonlyMap<string, Shape>, tensors: ReadonlyMap<string, Tensor>) {
  const sizes = new Map<string, number>();
  for (const [name, shape] of variables) {
    const t = tensors.get(name);
    if (!t) throw new DiagradError("value", `no value for '${name}'`);
    const mismatch = () =>
      new DiagradError(
        "value",
        `the value of ${name} has shape [${t.shape.join(", ")}] but ${name} has shape [${shape.join(", ")}]`,
      );
    if (t.shape.length !== shape.length) throw mismatch();
    shape.forEach((d, k) => {
      const n = t.shape[k];
      const known = typeof d === "number" ? d : sizes.get(d);
      if (known !== undefined && known !== n) throw mismatch();
      if (typeof d === "string" && !d.includes("*")) sizes.set(d, n);
    });
  }
  return (symbol: string): number => {
    const n = sizes.get(symbol);
    if (n === undefined) {
      throw new DiagradError(
        "value",
        `the size of dimension '${symbol}' is not known: no variable has it; write a number instead`,
      );
    }
    return n;
  };
}

/** Numbers for a prepared expression or derivative at `values` (defaults to the problem's values). */
export function evaluate(p: Prepared | Derivative, values?: Values): Tensor {
  if (typeof p !== "object" || p === null || !(p.network && p.variables instanceof Map))
    throw new DiagradError(
      "usage",
      `evaluate takes what prepare or derivative returned, got ${describe(p)}`,
    );
  const tensors = values ? toTensors(values) : p.tensors;
  const variables = new Map(p.variables);
  // a derivative by a variable that does not occur still takes its axes' sizes from its value
  if ("wrt" in p && tensors.has(p.wrt)) variables.set(p.wrt, p.wrtShape);
  return evaluateNetwork(p.network, { values: tensors, size: bindSizes(variables, tensors) });
}
