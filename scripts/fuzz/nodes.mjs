/**
 * Expression trees of the campaign and their two printings: diagrad's language (what the library
 * parses) and a JAX expression (what the oracle evaluates). Both are written from the same tree,
 * independently of diagrad's parser, so a misread operator shows up as a disagreement.
 *
 * A node is `{ kind, shape, args, …params }` with a concrete shape (numbers):
 * `var {name}`, `num {text}`, `eye {n}`, `ones {n}`, `matrix_power {k}`, `call {fn}` (a function of the table below),
 * `sumAxis {axis}`, `unvec {rows, cols}`, `einsum {spec, quote}`, `binary {op}`, `neg`, `pow {p}`,
 * `transpose {style}`.
 *
 * @example toSource(binary("+", v("x", [3]), num("1"))) // "(x + 1)"
 */

/** Functions printed as `f(args…)` in both languages (the oracle defines each name). */
export const CALLS = [
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
  "sign",
  "step",
  "sum",
  "mean",
  "tr",
  "det",
  "logdet",
  "inv",
  "diag",
  "outer",
  "kron",
  "vec",
  "norm",
  "softmax",
  "logsumexp",
];

export const node = (kind, shape, args = [], params = {}) => ({ kind, shape, args, ...params });
export const v = (name, shape) => node("var", shape, [], { name });
export const num = (text) => node("num", [], [], { text });
export const call = (fn, shape, ...args) => node("call", shape, args, { fn });
export const binary = (op, shape, a, b) => node("binary", shape, [a, b], { op });

const PY_OP = { "+": "+", "-": "-", "*": "*", "∘": "*", "⊙": "*", "/": "/", "@": "@" };

/** The expression in diagrad's language, fully parenthesized; `dims` maps sizes to symbols for `eye`. */
export function toSource(n, dims = new Map()) {
  const s = n.args.map((a) => toSource(a, dims));
  switch (n.kind) {
    case "var":
      return n.name;
    case "num":
      return n.text;
    case "eye":
      return `eye(${dims.get(n.n) ?? n.n})`;
    case "ones":
      return `ones(${dims.get(n.n) ?? n.n})`;
    case "matrix_power":
      return `matrix_power(${s[0]}, ${n.k})`;
    case "call":
      return `${n.fn}(${s.join(", ")})`;
    case "sumAxis":
      return `sum(${s[0]}, ${n.axis})`;
    case "unvec":
      return `unvec(${s[0]}, ${n.rows}, ${n.cols})`;
    case "einsum":
      return `einsum(${n.quote}${n.spec}${n.quote}, ${s.join(", ")})`;
    case "binary":
      return `(${s[0]} ${n.op} ${s[1]})`;
    case "neg":
      return `(-${s[0]})`;
    case "pow":
      return `(${s[0]}) ** ${n.p}`;
    case "transpose":
      return `(${s[0]})${n.style}`;
  }
  throw new Error(`fuzz: unknown node kind ${n.kind}`);
}

/** The same expression for the JAX oracle (names of `oracle.py`'s namespace). */
export function toJax(n) {
  const s = n.args.map(toJax);
  switch (n.kind) {
    case "var":
      return n.name;
    case "num":
      return `${Number(n.text)}`;
    case "eye":
      return `jnp.eye(${n.n})`;
    case "ones":
      return `jnp.ones(${n.n})`;
    case "matrix_power":
      return `jnp.linalg.matrix_power(${s[0]}, ${n.k})`;
    case "call":
      return `${n.fn}(${s.join(", ")})`;
    case "sumAxis":
      return `jnp.sum(${s[0]}, axis=${n.axis})`;
    case "unvec":
      return `unvec(${s[0]}, ${n.rows}, ${n.cols})`;
    case "einsum":
      return `jnp.einsum('${n.spec}', ${s.join(", ")})`;
    case "binary":
      return n.op === "⊗" ? `kron(${s[0]}, ${s[1]})` : `(${s[0]} ${PY_OP[n.op]} ${s[1]})`;
    case "neg":
      return `(-${s[0]})`;
    case "pow":
      return `((${s[0]}) ** ${n.p})`;
    case "transpose":
      return `jnp.transpose(${s[0]})`;
  }
  throw new Error(`fuzz: unknown node kind ${n.kind}`);
}

/** Every node of the tree, root first. */
export function nodesOf(n) {
  return [n, ...n.args.flatMap(nodesOf)];
}

/** The number of nodes: the measure a shrink makes smaller. */
export const size = (n) => nodesOf(n).length;

/** The names of the variables in the tree, in order of first appearance. */
export function variablesOf(n) {
  return [...new Set(nodesOf(n).flatMap((m) => (m.kind === "var" ? [m.name] : [])))];
}

/** A copy of the tree with the node at pre-order position `at` replaced by `by`. */
export function replaceAt(n, at, by) {
  let k = 0;
  const walk = (m) => {
    if (k++ === at) return by;
    return { ...m, args: m.args.map(walk) };
  };
  return walk(n);
}
