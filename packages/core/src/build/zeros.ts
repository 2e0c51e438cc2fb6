/**
 * Structural zeros of a function's argument: `diag(x)`, `W * eye(3)` or `A * eye(n) + diag(x)` are
 * 0 off the diagonal whatever the values, because every term joins two of its axes by a copy
 * tensor. A function that is infinite at 0 (`log`, a negative power) is refused there, as a
 * division by a written zero is: NumPy gives ±inf off the diagonal, and the networks would hide
 * them, since products with I keep only the diagonal (`diag(x) * diag(x) ** -1` would be I
 * where NumPy gives NaN). Only expressions as written are checked: a derivative may hold
 * f′(diag(x)) with f′(0) infinite, and there the zeros are constant, so 0 is right.
 */
import { type ElementwiseName, elementwise } from "../evaluate/functions.js";
import { DiagradError, type Span } from "../language/span.js";
import { wireEnds } from "../network/graph.js";
import type { BoxFn, Network, TermGraph } from "../network/types.js";
import { elementwiseFunctions } from "../network/types.js";

/** f(0) for an elementwise function (`pow` with its exponent), or undefined for the others. */
function atZero(fn: BoxFn, param?: number): number | undefined {
  if (!(elementwiseFunctions as readonly string[]).includes(fn)) return undefined;
  return fn === "pow" ? 0 ** (param ?? 1) : elementwise[fn as ElementwiseName](0);
}

/**
 * The index each port of a term stands for: ports joined by a wire, or meeting one copy tensor,
 * carry the same index. Returns the class of port `port` of `node`.
 */
function indexClasses(g: TermGraph): (node: string, port: number) => string {
  const parent = new Map<string, string>();
  const id = (node: string, port: number) =>
    g.getNodeAttribute(node, "kind") === "copy" ? node : `${node}:${port}`;
  const find = (x: string): string => {
    const p = parent.get(x);
    if (p === undefined || p === x) return x;
    const root = find(p);
    parent.set(x, root);
    return root;
  };
  g.forEachEdge((_e, attrs, s, t) => {
    parent.set(find(id(s, attrs.sourcePort)), find(id(t, attrs.targetPort)));
  });
  return (node, port) => find(id(node, port));
}

/**
 * Pairs `a,b` (a < b) of free axes of one term where it is 0 unless their indices agree: the two
 * axes carry one index (a wire or a copy tensor joins them), or reach the two ports of a box that
 * is itself 0 off a diagonal.
 */
function zeroPairs(g: TermGraph): Set<string> {
  const classOf = indexClasses(g);
  const axesOf = new Map<string, number[]>();
  g.forEachNode((node, attrs) => {
    if (attrs.kind !== "free" || wireEnds(g, node)[0]?.dim === 1) return;
    const c = classOf(node, 0);
    axesOf.set(c, [...(axesOf.get(c) ?? []), attrs.axis]);
  });
  const pairs = new Set<string>();
  const add = (as: readonly number[], bs: readonly number[]) => {
    for (const a of as) for (const b of bs) if (a < b) pairs.add(`${a},${b}`);
  };
  for (const axes of axesOf.values()) add(axes, axes);
  g.forEachNode((node, attrs) => {
    if (attrs.kind !== "box") return;
    for (const pair of boxZeroPairs(attrs.fn, attrs.inner, attrs.param)) {
      const [p, q] = pair.split(",").map((k) => axesOf.get(classOf(node, Number(k))) ?? []);
      add(p, q);
      add(q, p);
    }
  });
  return pairs;
}

const known = new WeakMap<Network, Set<string>>();

/** Pairs of axes where every term of `net` is 0 unless their indices agree. */
function networkZeroPairs(net: Network): Set<string> {
  let pairs = known.get(net);
  if (!pairs) {
    const [first, ...rest] = net.terms.map((t) => zeroPairs(t.graph));
    pairs = new Set([...(first ?? [])].filter((p) => rest.every((r) => r.has(p))));
    known.set(net, pairs);
  }
  return pairs;
}

/** The box's own zero pairs: inv of a diagonal is diagonal; f(0) = 0 keeps the inner's zeros. */
function boxZeroPairs(fn: BoxFn, inner: Network, param?: number): Set<string> {
  if (fn === "inv" || atZero(fn, param) === 0) return networkZeroPairs(inner);
  return new Set();
}

/**
 * Two axes where `net` is 0 whenever their indices differ (every term joins them by a δ, or by a
 * box that is 0 off a diagonal), or undefined. The zero network is left to constant folding.
 *
 * @example zeroOffDiagonal(build("W * eye(3)")) // [0, 1]; also W * inv(2 * eye(3))
 */
export function zeroOffDiagonal(net: Network): [number, number] | undefined {
  if (net.terms.length === 0) return undefined;
  const [pair] = [...networkZeroPairs(net)].sort();
  if (pair === undefined) return undefined;
  const [a, b] = pair.split(",").map(Number);
  return [a, b];
}

/**
 * Refuses `fn(inner)` at `span` when fn(0) is not finite and `inner` is structurally 0 somewhere:
 * `log(diag(x))`, `x / (W * eye(3))`.
 *
 * @example checkStructuralZeros("pow", build("diag(x)"), span, -1) // throws "division by zero: …"
 */
export function checkStructuralZeros(fn: BoxFn, inner: Network, span: Span, param?: number): void {
  const y = atZero(fn, param);
  if (y === undefined || Number.isFinite(y)) return;
  const power = param ?? 1;
  const axes = zeroOffDiagonal(inner);
  if (axes === undefined) return;
  const where =
    inner.shape.length === 2 ? "off the diagonal" : `where axes ${axes[0]} and ${axes[1]} differ`;
  const image = fn === "pow" ? `0 ** ${power}` : `${fn}(0)`;
  const division = fn === "pow" && power < 0 ? "division by zero: " : "";
  const shown = Number.isNaN(y) ? "NaN" : y > 0 ? "inf" : "-inf";
  throw new DiagradError(
    "value",
    `${division}the operand is 0 ${where} (it is diagonal, as eye(n) and diag(x) are), and ${image} = ${shown}; diagrad does not compute with infinite or NaN values there`,
    span,
  );
}
